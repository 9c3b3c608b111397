/* The builds' entry points (kernel_entries.h), for dispatch.c. */
#define LEPTON_BUILD_DECLS(P)                                                                                   \
    void P##conv_forward(const float *input, int batch, int height, int width, int channels,                    \
                         const float *kernel, int kh, int kw, int sy, int sx, int filters, int f0, int f1,      \
                         const float *bias, int relu, int pool, float *output, unsigned char *codes);           \
    void P##conv_pooled_grad(const float *input, int batch, int height, int width, int channels, int kh, int kw, \
                             const float *dy, const unsigned char *codes, int filters, float *dw, float *db);   \
    void P##conv_weight_grad(const float *input, int batch, int height, int width, int channels, int kh, int kw, \
                             int sy, int sx, const float *dy, int filters, float *dw);                          \
    void P##conv_input_grad(const float *dyp, int batch, int oh, int ow, int filters, const float *wt, int kh,     \
                            int kw, int channels, int height, int width, int padTop, int padLeft, float *dx);   \
    void P##conv_winograd(const float *input, int batch, int height, int width, int channels, int padTop,        \
                          int padLeft, int oh, int ow, const float *kernel, const float *transformed, int filters, \
                          const float *bias, int relu, int pool, float *output, unsigned char *codes);            \
    void P##winograd_transform(const float *kernel, int channels, int filters, float *u);                        \
    void P##conv_winograd_weight_grad(const float *input, int batch, int height, int width, int channels,          \
                                      int padTop, int padLeft, int oh, int ow, const float *dy, int filters,      \
                                      float *dw);                                                                 \
    void P##conv_narrow(const float *input, int batch, int height, int width, const float *kernel, int kh, int kw, \
                        int filters, const float *bias, int relu, float *output);                                \
    void P##gemm(const float *a, long rsa, long csa, const float *b, long ldb, float *c, long ldc, int m, int n,   \
                 int k, int accumulate);                                                        \
    void P##gemm_packed_row(const float *a, long csa, const float *packed, int k, int n, int j0, int j1, float *c); \
    void P##gemm_packed(const float *a, long lda, const float *packed, int k, int n, float *c, long ldc, int m);

LEPTON_BUILD_DECLS(v8_)
#if defined(__x86_64__)
LEPTON_BUILD_DECLS(v16_)
LEPTON_BUILD_DECLS(base_)
#endif

/* Per-thread scratch buffers that only grow (dispatch.c): a packed or padded operand, a
   transposed result or kernel, the GEMM's packed panels of its second operand, and a
   Winograd-transformed kernel. */
#include <stddef.h>
#include "CLeptonKernels.h"       /* LEPTON_GEMM_PANEL */
enum { LEPTON_SCRATCH_OPERAND, LEPTON_SCRATCH_RESULT, LEPTON_SCRATCH_PANELS, LEPTON_SCRATCH_WINOGRAD,
       LEPTON_SCRATCH_COUNT };
float *lepton_scratch(int which, size_t floats);
