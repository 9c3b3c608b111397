/* The AVX-512 (16-float) build of the direct-convolution kernels in conv2d_kernels.h;
   kernels_v8.c calls it only on CPUs that support AVX-512. */
#if defined(__x86_64__)
#include "CLeptonKernels.h"

#define VW 16
#define TAPS 9                    /* 18 accumulators of the 32 zmm registers: a 3×3 kernel's taps */
#define K(name) v16_##name
#define DENSE_ROWS 6
#include "conv2d_kernels.h"
#include "dense_kernels.h"

#define AVX512 __attribute__((target("arch=x86-64-v4"), min_vector_width(512)))

AVX512 void lepton_v16_forward(const float *input, int batch, int height, int width, int channels,
                               const float *kernel, int kh, int kw, int filters, const float *bias, int relu,
                               int pool, float *output, unsigned char *codes) {
    v16_forward_entry(input, batch, height, width, channels, kernel, kh, kw, filters, bias, relu, pool, output, codes);
}

AVX512 void lepton_v16_pooled_grad(const float *input, int batch, int height, int width, int channels, int kh,
                                   int kw, const float *dy, const unsigned char *codes, int filters, float *dw,
                                   float *db) {
    v16_pooled_grad_entry(input, batch, height, width, channels, kh, kw, dy, codes, filters, dw, db);
}
AVX512 void lepton_v16_dense(const float *x, int m, int k, const float *w, int n, float *y) {
    v16_dense_body(x, m, k, w, n, y);
}
#endif
