/* The entry points of one build (K(name) prefixes them), included after conv2d_kernels.h
   and gemm_kernels.h; dispatch.c picks a build per call. The first layer of most image
   models (one channel, 3×3) gets a copy with those sizes as constants, fully unrolled. */

void K(conv_forward)(const float *input, int batch, int height, int width, int channels, const float *kernel,
                     int kh, int kw, int sy, int sx, int filters, int f0, int f1, const float *bias, int relu, int pool,
                     float *output, unsigned char *codes) {
    if (channels == 1 && kh == 3 && kw == 3 && sy == 1 && sx == 1)
        K(forward_body)(input, batch, height, width, 1, kernel, 3, 3, 1, 1, filters, f0, f1, bias, relu, pool, output,
                        codes);
    else if (channels == 1 && kh == 3 && kw == 3 && sy == 2 && sx == 2)     /* a strided first layer */
        K(forward_body)(input, batch, height, width, 1, kernel, 3, 3, 2, 2, filters, f0, f1, bias, relu, pool, output,
                        codes);
    else
        K(forward_body)(input, batch, height, width, channels, kernel, kh, kw, sy, sx, filters, f0, f1, bias, relu, pool,
                        output, codes);
}

void K(conv_pooled_grad)(const float *input, int batch, int height, int width, int channels, int kh, int kw,
                         const float *dy, const unsigned char *codes, int filters, float *dw, float *db) {
    if (channels == 1 && kh == 3 && kw == 3)
        K(pooled_grad_body)(input, batch, height, width, 1, 3, 3, dy, codes, filters, dw, db);
    else
        K(pooled_grad_body)(input, batch, height, width, channels, kh, kw, dy, codes, filters, dw, db);
}

void K(conv_weight_grad)(const float *input, int batch, int height, int width, int channels, int kh, int kw,
                         int sy, int sx, const float *dy, int filters, float *dw) {
    K(weight_grad_body)(input, batch, height, width, channels, kh, kw, sy, sx, dy, filters, dw);
}

void K(conv_input_grad)(const float *dyp, int batch, int oh, int ow, int filters, const float *wt, int kh, int kw,
                        int channels, int height, int width, int padTop, int padLeft, float *dx) {
    K(input_grad_body)(dyp, batch, oh, ow, filters, wt, kh, kw, channels, height, width, padTop, padLeft, dx);
}

void K(gemm)(const float *a, long rsa, long csa, const float *b, long ldb, float *c, long ldc, int m, int n, int k,
             int accumulate) {
    K(gemm_body)(a, rsa, csa, b, ldb, c, ldc, m, n, k, accumulate);
}

void K(gemm_packed_row)(const float *a, long csa, const float *packed, int k, int n, int j0, int j1, float *c) {
    K(gemm_packed_row_body)(a, csa, packed, k, n, j0, j1, c);
}

void K(gemm_packed)(const float *a, long lda, const float *packed, int k, int n, float *c, long ldc, int m) {
    K(gemm_packed_body)(a, lda, packed, k, n, c, ldc, m);
}

/* `transformed`: the kernel's transform (K(winograd_transform)), or NULL to compute it here. */
void K(conv_winograd)(const float *input, int batch, int height, int width, int channels, int padTop, int padLeft,
                      int oh, int ow, const float *kernel, const float *transformed, int filters, const float *bias,
                      int relu, int pool, float *output, unsigned char *codes) {
    const float *u = transformed;
    if (!u) {
        float *scratch = lepton_scratch(LEPTON_SCRATCH_WINOGRAD, (size_t)36 * (size_t)channels * (size_t)filters);
        K(winograd_kernel)(kernel, channels, filters, scratch);
        u = scratch;
    }
    K(winograd_body)(input, batch, height, width, channels, padTop, padLeft, oh, ow, u, filters, bias, relu, pool,
                     output, codes);
}

void K(winograd_transform)(const float *kernel, int channels, int filters, float *u) {
    K(winograd_kernel)(kernel, channels, filters, u);
}

void K(conv_winograd_weight_grad)(const float *input, int batch, int height, int width, int channels, int padTop,
                                  int padLeft, int oh, int ow, const float *dy, int filters, float *dw) {
    K(winograd_grad_body)(input, batch, height, width, channels, padTop, padLeft, oh, ow, dy, filters, dw);
}

void K(conv_narrow)(const float *input, int batch, int height, int width, const float *kernel, int kh, int kw,
                    int filters, const float *bias, int relu, float *output) {
    if (kh == 5 && kw == 5)
        K(narrow_body)(input, batch, height, width, kernel, 5, 5, filters, bias, relu, output);
    else
        K(narrow_body)(input, batch, height, width, kernel, kh, kw, filters, bias, relu, output);
}
