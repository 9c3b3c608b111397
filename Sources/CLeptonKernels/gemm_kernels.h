/* Lepton's matrix product, written once for a vector of VW floats and included by the build
   files (kernels_v8.c, kernels_v16.c), which define VW, GEMM_ROWS, K(name), VFMA and SFMA.

   c[i][j] (= or +=) Σ_p a(i, p) · b[p][j], with a(i, p) read at a[i·rsa + p·csa] and row p of
   b contiguous at b + p·ldb. A tile is GEMM_ROWS rows × GEMM_COLS vectors of outputs (the
   includer sets both so that the accumulators, the row of b and a broadcast fit the
   registers: 6 × 4 of 32 zmm, 6 × 2 of 16 ymm). Every output is ONE chain of fused multiply-adds over
   p = 0, 1, …, k − 1 in order, starting from +0 (or from c's value when accumulating):
   outputs in vector lanes, outputs in the scalar tail, outputs of different tiles, blocks
   or threads — all the same chain. So the bits depend on nothing but the operands: not on
   the vector width, the tile sizes, the K blocking, the batch size or the thread count.
   The kernel is read as stored, a block of GEMM_KC rows at a time so that it stays in the
   L2 cache while every row of a passes over it. */

#define GEMM_KC 256

/* rows × cols·VW outputs over p in [k0, k1): the chain continues c (load) or starts at 0. */
static inline __attribute__((always_inline))
void K(gemm_tile)(const float *a, long rsa, long csa, const float *b, long ldb, float *c, long ldc, int rows,
                  int cols, int k0, int k1, int load) {
    vf acc[GEMM_ROWS][GEMM_COLS];
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < cols; j++) acc[r][j] = load ? LD(c + r * ldc + j * VW) : BC(0);
    for (int p = k0; p < k1; p++) {
        vf bv[GEMM_COLS];
        for (int j = 0; j < cols; j++) bv[j] = LD(b + (long)p * ldb + j * VW);
        const float *ap = a + (long)p * csa;
        for (int r = 0; r < rows; r++) {
            const vf x = BC(ap[r * rsa]);
            for (int j = 0; j < cols; j++) acc[r][j] = VFMA(x, bv[j], acc[r][j]);
        }
    }
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < cols; j++) ST(c + r * ldc + j * VW, acc[r][j]);
}

#define GEMM_ROW_CASES(cols)                                                                           \
    switch (rows) {                                                                                    \
    case 1: K(gemm_tile)(ar, rsa, csa, bc, ldb, cr, ldc, 1, cols, k0, k1, load); break;                \
    case 2: K(gemm_tile)(ar, rsa, csa, bc, ldb, cr, ldc, 2, cols, k0, k1, load); break;                \
    case 3: K(gemm_tile)(ar, rsa, csa, bc, ldb, cr, ldc, GEMM_ROWS >= 3 ? 3 : 1, cols, k0, k1, load); break; \
    case 4: K(gemm_tile)(ar, rsa, csa, bc, ldb, cr, ldc, GEMM_ROWS >= 4 ? 4 : 1, cols, k0, k1, load); break; \
    case 5: K(gemm_tile)(ar, rsa, csa, bc, ldb, cr, ldc, GEMM_ROWS >= 5 ? 5 : 1, cols, k0, k1, load); break; \
    default: K(gemm_tile)(ar, rsa, csa, bc, ldb, cr, ldc, GEMM_ROWS, cols, k0, k1, load); break;       \
    }

/* The last n mod VW columns: b's columns packed into a zero-padded panel [k][VW] and the
   outputs gathered into a [rows][VW] tile, so the tail runs the same vector chains (a padded
   lane computes a value nobody reads). */
static inline __attribute__((always_inline))
void K(gemm_tail)(const float *a, long rsa, long csa, const float *b, long ldb, float *c, long ldc, int m, int vn,
                  int n, int k, int accumulate) {
    enum { PANEL = 2048 };                       /* rows of b per panel: 64 KiB at 8 lanes */
    float panel[PANEL * VW];
    const int tail = n - vn;
    for (int k0 = 0; k0 < k; k0 += PANEL) {
        const int k1 = k - k0 < PANEL ? k : k0 + PANEL;
        for (int p = k0; p < k1; p++)
            for (int j = 0; j < VW; j++) panel[(p - k0) * VW + j] = j < tail ? b[(long)p * ldb + vn + j] : 0.0f;
        const int load = accumulate || k0 > 0;
        for (int r0 = 0; r0 < m; r0 += GEMM_ROWS) {
            const int rows = m - r0 < GEMM_ROWS ? m - r0 : GEMM_ROWS;
            float tile[GEMM_ROWS * VW];
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < VW; j++) tile[r * VW + j] = load && j < tail ? c[(long)(r0 + r) * ldc + vn + j] : 0.0f;
            const float *ar = a + (long)r0 * rsa + (long)k0 * csa;
            for (int q0 = 0; q0 < k1 - k0; q0 += GEMM_KC) {
                const int q1 = k1 - k0 - q0 < GEMM_KC ? k1 - k0 : q0 + GEMM_KC, ld = load || q0 > 0;
                switch (rows) {
                case 1: K(gemm_tile)(ar, rsa, csa, panel, VW, tile, VW, 1, 1, q0, q1, ld); break;
                case 2: K(gemm_tile)(ar, rsa, csa, panel, VW, tile, VW, 2, 1, q0, q1, ld); break;
                case 3: K(gemm_tile)(ar, rsa, csa, panel, VW, tile, VW, GEMM_ROWS >= 3 ? 3 : 1, 1, q0, q1, ld); break;
                case 4: K(gemm_tile)(ar, rsa, csa, panel, VW, tile, VW, GEMM_ROWS >= 4 ? 4 : 1, 1, q0, q1, ld); break;
                case 5: K(gemm_tile)(ar, rsa, csa, panel, VW, tile, VW, GEMM_ROWS >= 5 ? 5 : 1, 1, q0, q1, ld); break;
                default: K(gemm_tile)(ar, rsa, csa, panel, VW, tile, VW, GEMM_ROWS, 1, q0, q1, ld); break;
                }
            }
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < tail; j++) c[(long)(r0 + r) * ldc + vn + j] = tile[r * VW + j];
        }
    }
}

/* See the top of this file: m × n outputs, k terms each; accumulate != 0 continues c. */
static inline __attribute__((always_inline))
void K(gemm_body)(const float *a, long rsa, long csa, const float *b, long ldb, float *c, long ldc, int m, int n,
                  int k, int accumulate) {
    const int vn = n / VW * VW;        /* columns in whole vectors; the rest in the tail */
    if (k == 0) {
        if (!accumulate)
            for (int i = 0; i < m; i++) memset(c + (long)i * ldc, 0, sizeof(float) * (unsigned long)n);
        return;
    }
    for (int k0 = 0; k0 < k; k0 += GEMM_KC) {
        const int k1 = k - k0 < GEMM_KC ? k : k0 + GEMM_KC, load = accumulate || k0 > 0;
        for (int c0 = 0; c0 < vn;) {
            const int left = (vn - c0) / VW, cols = left >= GEMM_COLS ? GEMM_COLS : left;
            const float *bc = b + c0;
            for (int r0 = 0; r0 < m; r0 += GEMM_ROWS) {
                const int rows = m - r0 < GEMM_ROWS ? m - r0 : GEMM_ROWS;
                const float *ar = a + (long)r0 * rsa;
                float *cr = c + (long)r0 * ldc + c0;
                switch (cols) {
                case 1: GEMM_ROW_CASES(1) break;
                case 2: GEMM_ROW_CASES(GEMM_COLS >= 2 ? 2 : 1) break;
                case 3: GEMM_ROW_CASES(GEMM_COLS >= 3 ? 3 : 1) break;
                default: GEMM_ROW_CASES(GEMM_COLS) break;
                }
            }
            c0 += cols * VW;
        }
    }
    if (vn < n) K(gemm_tail)(a, rsa, csa, b, ldb, c, ldc, m, vn, n, k, accumulate);
}
