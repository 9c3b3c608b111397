#include "CLeptonKernels.h"
#include <stdlib.h>
#include <string.h>

typedef float v8 __attribute__((vector_size(32)));
#define ld(p) ({ v8 v_; memcpy(&v_, (p), sizeof v_); v_; })
#define st(p, v) do { v8 t_ = (v); memcpy((p), &t_, sizeof t_); } while (0)
#define bc(x) ((v8){0} + (float)(x))

enum { ROWS = 6 };

#if defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
void lepton_conv2d_weight_grad(const float *input, int batch, int height, int width, int channels,
                               int kh, int kw, const float *dy, int filters, float *dw) {
    const int oh = height - kh + 1, ow = width - kw + 1;
    const int k = kh * kw * channels;
    long offStack[256];
    long *off = k <= 256 ? offStack : malloc(sizeof(long) * (size_t)k);
    for (int ky = 0, t = 0; ky < kh; ky++)
        for (int kx = 0; kx < kw; kx++)
            for (int c = 0; c < channels; c++, t++) off[t] = ((long)ky * width + kx) * channels + c;
    memset(dw, 0, sizeof(float) * (size_t)k * (size_t)filters);
    for (int n = 0; n < batch; n++) {
        const float *img = input + (long)n * height * width * channels;
        for (int oy = 0; oy < oh; oy++) {
            const float *rowIn = img + (long)oy * width * channels;
            const float *rowDy = dy + (((long)n * oh + oy) * ow) * filters;
            for (int t0 = 0; t0 < k; t0 += ROWS) {
                const int rows = k - t0 < ROWS ? k - t0 : ROWS;
                const long *o = off + t0;
                for (int f = 0; f < filters; f += 16) {
                    v8 acc[ROWS][2];
                    for (int r = 0; r < ROWS; r++) {
                        acc[r][0] = r < rows ? ld(dw + (long)(t0 + r) * filters + f) : bc(0);
                        acc[r][1] = r < rows ? ld(dw + (long)(t0 + r) * filters + f + 8) : bc(0);
                    }
                    for (int ox = 0; ox < ow; ox++) {
                        const float *x = rowIn + (long)ox * channels;
                        const float *g = rowDy + (long)ox * filters + f;
                        v8 b0 = ld(g), b1 = ld(g + 8);
                        if (rows == ROWS) {
                            for (int r = 0; r < ROWS; r++) {
                                v8 a = bc(x[o[r]]);
                                acc[r][0] += a * b0;
                                acc[r][1] += a * b1;
                            }
                        } else {
                            for (int r = 0; r < rows; r++) {
                                v8 a = bc(x[o[r]]);
                                acc[r][0] += a * b0;
                                acc[r][1] += a * b1;
                            }
                        }
                    }
                    for (int r = 0; r < rows; r++) {
                        st(dw + (long)(t0 + r) * filters + f, acc[r][0]);
                        st(dw + (long)(t0 + r) * filters + f + 8, acc[r][1]);
                    }
                }
            }
        }
    }
    if (off != offStack) free(off);
}
