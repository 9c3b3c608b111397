/* The dense (fully connected) inference product, written once for a vector of VW floats and
   included after conv2d_kernels.h by kernels_v8.c and kernels_v16.c (which define VW,
   DENSE_ROWS and K(name)).

   y[m][n] = Σ_k x[m][k] · w[k][n]: each output sums k = 0, 1, … in order with one fused
   multiply-add per product, whatever the batch size, blocking or vector width — so batch
   1 and batch 64, and the AVX2 and AVX-512 builds, give the same bits. The kernel is read as
   stored ([inputs, units], row-major), a block of DENSE_KC rows at a time so that it stays
   in the L2 cache while every row of x passes over it. */

enum { DENSE_KC = 256 };

/* rows × cols·VW outputs over k in [k0, k1): acc continues c (or starts at 0 when first). */
static inline __attribute__((always_inline))
void K(dense_tile)(const float *x, long ldx, const float *w, long ldw, float *c, long ldc, int rows, int cols,
                   int k0, int k1, int first) {
    vf acc[DENSE_ROWS][4];
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < cols; j++) acc[r][j] = first ? BC(0) : LD(c + r * ldc + j * VW);
    for (int k = k0; k < k1; k++) {
        vf wv[4];
        for (int j = 0; j < cols; j++) wv[j] = LD(w + (long)k * ldw + j * VW);
        for (int r = 0; r < rows; r++) {
            const vf a = BC(x[r * ldx + k]);
            for (int j = 0; j < cols; j++) acc[r][j] += a * wv[j];
        }
    }
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < cols; j++) ST(c + r * ldc + j * VW, acc[r][j]);
}

#define DENSE_ROW_CASES(cols)                                                                       \
    switch (rows) {                                                                                 \
    case 1: K(dense_tile)(xr, k, wc, n, cr, n, 1, cols, k0, k1, first); break;                      \
    case 2: K(dense_tile)(xr, k, wc, n, cr, n, 2, cols, k0, k1, first); break;                      \
    case 3: K(dense_tile)(xr, k, wc, n, cr, n, 3, cols, k0, k1, first); break;                      \
    case 4: K(dense_tile)(xr, k, wc, n, cr, n, DENSE_ROWS >= 4 ? 4 : 1, cols, k0, k1, first); break; \
    case 5: K(dense_tile)(xr, k, wc, n, cr, n, DENSE_ROWS >= 5 ? 5 : 1, cols, k0, k1, first); break; \
    default: K(dense_tile)(xr, k, wc, n, cr, n, DENSE_ROWS, cols, k0, k1, first); break;            \
    }

/* x [m, k], w [k, n], y [m, n]; n a multiple of VW. */
static inline __attribute__((always_inline))
void K(dense_body)(const float *x, int m, int k, const float *w, int n, float *y) {
    for (int k0 = 0; k0 < k; k0 += DENSE_KC) {
        const int k1 = k - k0 < DENSE_KC ? k : k0 + DENSE_KC, first = k0 == 0;
        for (int c0 = 0; c0 < n; ) {
            const int wide = n - c0 >= 4 * VW;
            const float *wc = w + c0;
            for (int r0 = 0; r0 < m; r0 += DENSE_ROWS) {
                const int rows = m - r0 < DENSE_ROWS ? m - r0 : DENSE_ROWS;
                const float *xr = x + (long)r0 * k;
                float *cr = y + (long)r0 * n + c0;
                if (wide) { DENSE_ROW_CASES(4) } else { DENSE_ROW_CASES(1) }
            }
            c0 += wide ? 4 * VW : VW;
        }
    }
}
