#include "CLeptonKernels.h"
#include <string.h>

typedef float v8 __attribute__((vector_size(32)));

/* Macros, not functions: a vector passed by value between functions compiled for different
   instruction sets would change the calling convention. */
#define ld(p) ({ v8 v_; memcpy(&v_, (p), sizeof v_); v_; })
#define st(p, v) do { v8 t_ = (v); memcpy((p), &t_, sizeof t_); } while (0)
#define bc(x) ((v8){0} + (float)(x))
#define vmax(a, b) __builtin_elementwise_max((a), (b))

/* Four output pixels (their top-left input offsets in `off`, in floats from `img`) times
   one block of 16 filters: acc[p][0..1] = Σ over the window. */
static inline __attribute__((always_inline))
void block4(const float *img, const long off[4], int width, int channels, const float *w, int kh, int kw,
            int filters, v8 acc[4][2]) {
    for (int p = 0; p < 4; p++) { acc[p][0] = bc(0); acc[p][1] = bc(0); }
    for (int ky = 0; ky < kh; ky++) {
        for (int kx = 0; kx < kw; kx++) {
            const float *wr = w + (long)(ky * kw + kx) * channels * filters;
            long base = ((long)ky * width + kx) * channels;
            const float *x0 = img + off[0] + base, *x1 = img + off[1] + base;
            const float *x2 = img + off[2] + base, *x3 = img + off[3] + base;
            for (int c = 0; c < channels; c++) {
                v8 w0 = ld(wr + (long)c * filters), w1 = ld(wr + (long)c * filters + 8);
                v8 a = bc(x0[c]), b = bc(x1[c]), d = bc(x2[c]), e = bc(x3[c]);
                acc[0][0] += a * w0; acc[0][1] += a * w1;
                acc[1][0] += b * w0; acc[1][1] += b * w1;
                acc[2][0] += d * w0; acc[2][1] += d * w1;
                acc[3][0] += e * w0; acc[3][1] += e * w1;
            }
        }
    }
}

__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
void lepton_conv2d_direct(const float *input, int batch, int height, int width, int channels,
                          const float *kernel, int kh, int kw, int filters, const float *bias,
                          int relu, int pool, float *output) {
    const int oh = height - kh + 1, ow = width - kw + 1;
    const long imageSize = (long)height * width * channels;
    const v8 zero = bc(0);
    for (int n = 0; n < batch; n++) {
        const float *img = input + n * imageSize;
        if (pool) {
            const int ph = oh / 2, pw = ow / 2;
            float *out = output + (long)n * ph * pw * filters;
            for (int py = 0; py < ph; py++) {
                for (int px = 0; px < pw; px++) {
                    long o = ((long)(2 * py) * width + 2 * px) * channels;
                    long off[4] = {o, o + channels, o + (long)width * channels, o + (long)(width + 1) * channels};
                    float *dst = out + ((long)py * pw + px) * filters;
                    for (int fb = 0; fb < filters; fb += 16) {
                        v8 acc[4][2];
                        block4(img, off, width, channels, kernel + fb, kh, kw, filters, acc);
                        for (int h = 0; h < 2; h++) {
                            v8 m = vmax(vmax(acc[0][h], acc[1][h]), vmax(acc[2][h], acc[3][h])) + ld(bias + fb + 8 * h);
                            st(dst + fb + 8 * h, relu ? vmax(m, zero) : m);
                        }
                    }
                }
            }
        } else {
            float *out = output + (long)n * oh * ow * filters;
            for (int y = 0; y < oh; y++) {
                for (int x0 = 0; x0 < ow; x0 += 4) {
                    int x = x0 + 4 <= ow ? x0 : ow - 4;   /* the last block overlaps the one before */
                    long o = ((long)y * width + x) * channels;
                    long off[4] = {o, o + channels, o + 2L * channels, o + 3L * channels};
                    float *dst = out + ((long)y * ow + x) * filters;
                    for (int fb = 0; fb < filters; fb += 16) {
                        v8 acc[4][2];
                        block4(img, off, width, channels, kernel + fb, kh, kw, filters, acc);
                        for (int p = 0; p < 4; p++) {
                            for (int h = 0; h < 2; h++) {
                                v8 v = acc[p][h] + ld(bias + fb + 8 * h);
                                st(dst + (long)p * filters + fb + 8 * h, relu ? vmax(v, zero) : v);
                            }
                        }
                    }
                }
            }
        }
    }
}
