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
   Operands are read as stored (a row tile of a transposed a is copied into a contiguous
   panel), GEMM_KC terms at a time, blocked for the caches as K(gemm_body) says. */

#define GEMM_KC 256
#define GEMM_NC 256               /* columns of b per L2 block: GEMM_KC × GEMM_NC floats */
#define GEMM_SMALL_A 32768        /* floats of a block of a (m × GEMM_KC) read in place, column tile by column tile */

/* rows × cols·VW outputs over p in [k0, k1): the chain continues c (load) or starts at 0.
   Columns 16·s … 16·s + 15 of b's row p are at b + p·ldb + s·sps (sps = 16: a row as stored;
   sps = 16·k: the sub-panels of lepton_gemm_pack_panels). */
static inline __attribute__((always_inline))
void K(gemm_tile)(const float *a, long rsa, long csa, const float *b, long ldb, long sps, float *c, long ldc,
                  int rows, int cols, int k0, int k1, int load) {
    vf acc[GEMM_ROWS][GEMM_COLS];
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < cols; j++) acc[r][j] = load ? LD(c + r * ldc + j * VW) : BC(0);
    for (int p = k0; p < k1; p++) {
        vf bv[GEMM_COLS];
        for (int j = 0; j < cols; j++)
            bv[j] = LD(b + (long)p * ldb + (j * VW / LEPTON_GEMM_SUBPANEL) * sps + j * VW % LEPTON_GEMM_SUBPANEL);
        const float *ap = a + (long)p * csa;
        for (int r = 0; r < rows; r++) {
            const vf x = BC(ap[r * rsa]);
            for (int j = 0; j < cols; j++) acc[r][j] = VFMA(x, bv[j], acc[r][j]);
        }
    }
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < cols; j++) ST(c + r * ldc + j * VW, acc[r][j]);
}

/* One tile of rows × cols vectors, the counts turned into constants (so that the
   accumulators stay in registers) by a switch over every case the includer's sizes allow. */
static inline __attribute__((always_inline))
void K(gemm_block)(const float *ar, long rsa, long csa, const float *bc, long ldb, long sps, float *cr, long ldc,
                   int rows, int cols, int k0, int k1, int load) {
#define GEMM_ROW_CASES(cols)                                                                           \
    switch (rows) {                                                                                    \
    case 1: K(gemm_tile)(ar, rsa, csa, bc, ldb, sps, cr, ldc, 1, cols, k0, k1, load); break;                \
    case 2: K(gemm_tile)(ar, rsa, csa, bc, ldb, sps, cr, ldc, 2, cols, k0, k1, load); break;                \
    case 3: K(gemm_tile)(ar, rsa, csa, bc, ldb, sps, cr, ldc, GEMM_ROWS >= 3 ? 3 : 1, cols, k0, k1, load); break; \
    case 4: K(gemm_tile)(ar, rsa, csa, bc, ldb, sps, cr, ldc, GEMM_ROWS >= 4 ? 4 : 1, cols, k0, k1, load); break; \
    case 5: K(gemm_tile)(ar, rsa, csa, bc, ldb, sps, cr, ldc, GEMM_ROWS >= 5 ? 5 : 1, cols, k0, k1, load); break; \
    default: K(gemm_tile)(ar, rsa, csa, bc, ldb, sps, cr, ldc, GEMM_ROWS, cols, k0, k1, load); break;       \
    }
    switch (cols) {
    case 1: GEMM_ROW_CASES(1) break;
    case 2: GEMM_ROW_CASES(GEMM_COLS >= 2 ? 2 : 1) break;
    case 3: GEMM_ROW_CASES(GEMM_COLS >= 3 ? 3 : 1) break;
    default: GEMM_ROW_CASES(GEMM_COLS) break;
    }
#undef GEMM_ROW_CASES
}

/* Columns vn … n − 1 (fewer than vecs·VW, vecs ≤ GEMM_COLS) as a tile of whole registers,
   so they run the same vector chains: a padded lane computes a value nobody reads. The last
   n mod VW columns of a wide product take one vector; a narrow product (a 10-class head:
   n ≤ GEMM_COLS·VW) takes all its columns as one tile, where a vector and a tail would each
   load b once per 6 multiply-adds. b is read in place — a row's vectors run on into the next
   row's values, in the lanes nobody reads — except for its last rows, whose vectors would
   reach past b's last value (b + (k − 1)·ldb + n − 1): those are copied into a zero-padded
   panel. The outputs are gathered into a [rows][vecs·VW] tile. */
static inline __attribute__((always_inline))
void K(gemm_tail)(const float *a, long rsa, long csa, const float *b, long ldb, float *c, long ldc, int m, int vn,
                  int n, int k, int accumulate, int vecs) {
    const int width = vecs * VW, tail = n - vn;
    /* rows p < inPlace can be read in place: p·ldb + vn + width ≤ (k − 1)·ldb + n */
    const long room = (long)(k - 1) * ldb + n - vn - width;
    const int inPlace = room < 0 ? 0 : (int)(room / ldb + 1 < k ? room / ldb + 1 : k);
    const int copied = k - inPlace;          /* at most width rows */
    float *panel = copied ? lepton_scratch(LEPTON_SCRATCH_PANELS, (size_t)copied * (size_t)width) : 0;
    for (int p = inPlace; p < k; p++)
        for (int j = 0; j < width; j++) panel[(long)(p - inPlace) * width + j] = j < tail ? b[(long)p * ldb + vn + j] : 0.0f;
    for (int r0 = 0; r0 < m; r0 += GEMM_ROWS) {
        const int rows = m - r0 < GEMM_ROWS ? m - r0 : GEMM_ROWS;
        float tile[GEMM_ROWS * GEMM_COLS * VW];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < width; j++) tile[r * width + j] = accumulate && j < tail ? c[(long)(r0 + r) * ldc + vn + j] : 0.0f;
        const float *ar = a + (long)r0 * rsa;
        for (int q0 = 0; q0 < inPlace; q0 += GEMM_KC) {
            const int q1 = inPlace - q0 < GEMM_KC ? inPlace : q0 + GEMM_KC;
            K(gemm_block)(ar, rsa, csa, b + vn, ldb, LEPTON_GEMM_SUBPANEL, tile, width, rows, vecs, q0, q1, accumulate || q0 > 0);
        }
        if (copied)
            K(gemm_block)(ar + (long)inPlace * csa, rsa, csa, panel, width, LEPTON_GEMM_SUBPANEL, tile, width, rows, vecs, 0, copied,
                          accumulate || inPlace > 0);
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < tail; j++) c[(long)(r0 + r) * ldc + vn + j] = tile[r * width + j];
    }
}

/* One or two rows (a batch of one: inference's latency) × GEMM_WIDE vectors: the registers
   the 6-row tile would use for rows hold more columns, so each row of b is read in longer
   runs. The same chains (from 0 or c's value, over p in order). */
#define GEMM_WIDE (GEMM_ROWS * GEMM_COLS / 2)
#ifndef GEMM_WIDE_P
#define GEMM_WIDE_P 8             /* rows of b per pass over the wide tiles (1 × 1024 × 3136 AVX2: 12 → 26 GFLOP/s) */
#endif
static inline __attribute__((always_inline))
void K(gemm_wide_tile)(const float *a, long rsa, long csa, const float *b, long ldb, float *c, long ldc, int rows,
                       int kc, int load) {
    vf acc[2][GEMM_WIDE];
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < GEMM_WIDE; j++) acc[r][j] = load ? LD(c + r * ldc + j * VW) : BC(0);
    for (int p = 0; p < kc; p++) {
        const float *bp = b + (long)p * ldb;
        for (int r = 0; r < rows; r++) {
            const vf x = BC(a[r * rsa + (long)p * csa]);
            for (int j = 0; j < GEMM_WIDE; j++) acc[r][j] = VFMA(x, LD(bp + j * VW), acc[r][j]);
        }
    }
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < GEMM_WIDE; j++) ST(c + r * ldc + j * VW, acc[r][j]);
}

/* One row a (a batch of one) times b packed by lepton_gemm_pack_panels (panel g's column q, row
   p at packed + g·PANEL·k + (q / SUBPANEL)·SUBPANEL·k + p·SUBPANEL + q mod SUBPANEL). A tile is
   one panel (8 ymm or 4 zmm accumulators) over all k terms at once, reading its four sub-panels
   in order, so that no partial sum leaves the registers. (Two panels a tile in the 16-float
   build, eight streams, ran tf-tutorial's 3136 × 1024 Dense slower at batch 1; one, as fast as
   the 64-column panels before.) The same chains as K(gemm_tile) and K(gemm_wide_tile): from +0,
   over p in order. */
static inline __attribute__((always_inline))
void K(gemm_packed_tile)(const float *a, long csa, const float *panel, long k, float *out) {
    enum { V = LEPTON_GEMM_PANEL / VW, S = LEPTON_GEMM_SUBPANEL };
    vf acc[V];
    for (int j = 0; j < V; j++) acc[j] = BC(0);
    for (long p = 0; p < k; p++) {
        const vf x = BC(a[p * csa]);
        for (int j = 0; j < V; j++) acc[j] = VFMA(x, LD(panel + (long)(j * VW / S * S) * k + p * S + j * VW % S), acc[j]);
    }
    for (int j = 0; j < V; j++) ST(out + j * VW, acc[j]);
}

/* Columns of panels j0 … j1 − 1 of c [1, n] = a · b, b packed (see K(gemm_packed_tile)). */
static inline __attribute__((always_inline))
void K(gemm_packed_row_body)(const float *a, long csa, const float *packed, int k, int n, int j0, int j1, float *c) {
    for (int g = j0; g < j1; g++) {
        const long first = (long)g * LEPTON_GEMM_PANEL;
        float tile[LEPTON_GEMM_PANEL];
        float *out = first + LEPTON_GEMM_PANEL <= n ? c + first : tile;     /* the last panel's padding is not c's */
        K(gemm_packed_tile)(a, csa, packed + first * k, k, out);
        if (out == tile) memcpy(c + first, tile, sizeof(float) * (size_t)(n - first));
    }
}

/* panel[p][r] = a(r, p) for a tile of `rows` rows and kc terms: a contiguous copy. */
static __attribute__((noinline))
void K(gemm_pack)(const float *a, long rsa, long csa, int rows, int kc, float *panel) {
    for (int p = 0; p < kc; p++)
        for (int r = 0; r < rows; r++) panel[p * GEMM_ROWS + r] = a[(long)p * csa + (long)r * rsa];
}

/* b's rows k0 … k0 + kc − 1, columns c0 … c1 − 1 (whole vectors), copied into contiguous
   panels, one per column tile of GEMM_COLS vectors (fewer for the last): the tile at column
   c0 + j starts at out + j·kc, its row p at + p·(its width). Read row by row, so a b whose
   rows are far apart (a 1024-column weight matrix: 4 KiB, the L1 cache's set stride) is read
   sequentially, and every row tile then meets it in contiguous memory. */
static __attribute__((noinline))
void K(gemm_pack_b)(const float *b, long ldb, int kc, int c0, int c1, float *out) {
    for (int p = 0; p < kc; p++) {
        const float *row = b + (long)p * ldb;
        for (int j = c0; j < c1;) {
            const int left = (c1 - j) / VW, w = (left >= GEMM_COLS ? GEMM_COLS : left) * VW;
            float *dst = out + (long)(j - c0) * kc + (long)p * w;
            for (int v = 0; v < w; v += VW) ST(dst + v, LD(row + j + v));
            j += w;
        }
    }
}

/* Asks for rows p0 … p1 − 1, columns c0 … c1 − 1 of b in the L2 cache (a hint: no value
   changes), so that the next block's packing finds them there. */
static inline void K(gemm_prefetch_b)(const float *b, long ldb, int p0, int p1, int c0, int c1) {
    for (int p = p0; p < p1; p++)
        for (int j = c0; j < c1; j += 16) __builtin_prefetch(b + (long)p * ldb + j, 0, 2);
}

/* The row tiles of m rows: as few as GEMM_ROWS allows, of sizes differing by at most one
   (32 rows: 6, 6, 5, 5, 5, 5 rather than five of 6 and one of 2). */
static inline int K(row_tile)(int m, int r0) {
    const int tiles = (m + GEMM_ROWS - 1) / GEMM_ROWS, base = m / tiles, big = m % tiles;
    const int index = r0 < big * (base + 1) ? r0 / (base + 1) : big + (r0 - big * (base + 1)) / base;
    return index < big ? base + 1 : base;
}

/* c [m, n] (row stride ldc) = a [m, k] (row stride lda) · b packed by lepton_gemm_pack_panels.
   A column tile (GEMM_COLS·VW columns: one sub-panel in the 8-float build, the four of a panel
   in the 16-float one) reads GEMM_KC × 16 contiguous floats per sub-panel, in order, while every
   row tile meets them — where b as stored gives 16 of every row's n floats, rows n·4 bytes
   apart, a stride at which the L1 cache's sets hold a fraction of the block (AVX2, C harness,
   32 × 784 · 784 × 256 on one thread: 64-column panels read as stored 133 µs, sub-panels 120).
   The last tile's columns past n (the zero padding) go to scratch. The same chains as
   K(gemm_body): from +0, over p in order, GEMM_KC terms at a time. */
static inline __attribute__((always_inline))
void K(gemm_packed_body)(const float *a, long lda, const float *packed, int k, int n, float *c, long ldc, int m) {
    enum { T = GEMM_COLS * VW, S = LEPTON_GEMM_SUBPANEL };
    const long sps = (long)S * k;
    for (int c0 = 0; c0 < n; c0 += T) {
        const float *bt = packed + (long)(c0 / LEPTON_GEMM_PANEL) * LEPTON_GEMM_PANEL * k + (long)(c0 % LEPTON_GEMM_PANEL / S) * sps;
        const int partial = n - c0 < T;
        float *dst = partial ? lepton_scratch(LEPTON_SCRATCH_RESULT, (size_t)m * T) : c + c0;
        const long ldd = partial ? T : ldc;
        for (int k0 = 0; k0 < k; k0 += GEMM_KC) {
            const int kc = k - k0 < GEMM_KC ? k - k0 : GEMM_KC;
            for (int r0 = 0; r0 < m;) {
                const int rows = K(row_tile)(m, r0);
                K(gemm_block)(a + (long)r0 * lda + k0, lda, 1, bt + (long)k0 * S, S, sps, dst + (long)r0 * ldd, ldd, rows,
                              GEMM_COLS, 0, kc, k0 > 0);
                r0 += rows;
            }
        }
        if (partial)
            for (int r = 0; r < m; r++) memcpy(c + (long)r * ldc + c0, dst + (long)r * T, sizeof(float) * (size_t)(n - c0));
    }
}

/* See the top of this file: m × n outputs, k terms each; accumulate != 0 continues c.
   Blocking (it moves data, never an addition), per block of GEMM_KC terms:
   - a's block small (m × GEMM_KC floats within GEMM_SMALL_A, as for a batch of 32 rows): it
     stays in the L2 cache while each column tile of b (GEMM_KC × GEMM_COLS vectors, in L1)
     meets every row tile; b's rows far apart, GEMM_NC columns of them are first packed into
     contiguous panels (read row by row);
   - else (an im2col matrix): GEMM_NC columns of b (256 KiB), packed into panels, stay in L2
     while each row tile of a (GEMM_KC × GEMM_ROWS floats, in L1) meets all of them, a tile
     read across its rows (a transposed a: the kernel gradient's patch matrix) first copied
     into a contiguous panel. */
static inline __attribute__((always_inline))
void K(gemm_body)(const float *a, long rsa, long csa, const float *b, long ldb, float *c, long ldc, int m, int n,
                  int k, int accumulate) {
    /* columns in whole vectors; the rest in the tail — all of them when they fit one tile */
    const int narrow = n % VW != 0 && n <= GEMM_COLS * VW;
    const int vn = narrow ? 0 : n / VW * VW;
    if (k == 0) {
        if (!accumulate)
            for (int i = 0; i < m; i++) memset(c + (long)i * ldc, 0, sizeof(float) * (unsigned long)n);
        return;
    }
    float panel[GEMM_KC * GEMM_ROWS];
    /* a read across its rows, by more than one column tile: copy each row tile (when the
       block is deep enough to pay for the copy) */
    const int pack = csa != 1 && vn > GEMM_COLS * VW;
    /* b's column tiles read by more than one row tile, from rows far apart (b's rows 2 KiB or
       more apart: in the L1 cache they compete for few sets) */
    const int packB = m > GEMM_ROWS && ldb >= 512;
    float *bpanels = packB && vn > 0 ? lepton_scratch(LEPTON_SCRATCH_PANELS, (size_t)GEMM_KC * (size_t)(vn < GEMM_NC ? vn : GEMM_NC)) : 0;
    for (int k0 = 0; k0 < k; k0 += GEMM_KC) {
        const int k1 = k - k0 < GEMM_KC ? k : k0 + GEMM_KC, load = accumulate || k0 > 0, kc = k1 - k0;
        const float *bk = b + (long)k0 * ldb;
        const int packs = pack && kc >= 64;
        if ((long)m * kc <= GEMM_SMALL_A) {
            int c0 = 0;
            if (m <= 2 && vn >= GEMM_WIDE * VW) {
                /* GEMM_WIDE_P rows of b at a time across all the wide tiles, so that a wide b
                   (a weight matrix read once) streams through a few rows in order */
                const int wide = vn / (GEMM_WIDE * VW) * (GEMM_WIDE * VW);
                const int pass = vn >= 512 ? GEMM_WIDE_P : kc;      /* short rows of b: all kc in registers */
                for (int q0 = 0; q0 < kc; q0 += pass) {
                    const int q = kc - q0 < pass ? kc - q0 : pass, ld = load || q0 > 0;
                    const float *aq = a + (long)(k0 + q0) * csa, *bq = bk + (long)q0 * ldb;
                    for (int w0 = 0; w0 < wide; w0 += GEMM_WIDE * VW) {
                        if (m == 1) K(gemm_wide_tile)(aq, rsa, csa, bq + w0, ldb, c + w0, ldc, 1, q, ld);
                        else K(gemm_wide_tile)(aq, rsa, csa, bq + w0, ldb, c + w0, ldc, 2, q, ld);
                    }
                }
                c0 = wide;
            }
            while (c0 < vn) {
                const int n1 = vn - c0 < GEMM_NC ? vn : c0 + GEMM_NC;
                if (packB) K(gemm_pack_b)(bk, ldb, kc, c0, n1, bpanels);
                /* the block packed next: the next columns of these rows, or the next rows */
                const int nextK = n1 < vn ? k0 : k0 + GEMM_KC, nextC = n1 < vn ? n1 : 0;
                const int nextKc = k - nextK < GEMM_KC ? k - nextK : GEMM_KC;
                const int nextN = vn - nextC < GEMM_NC ? vn : nextC + GEMM_NC;
                const int tiles = (n1 - c0 + GEMM_COLS * VW - 1) / (GEMM_COLS * VW);
                const int ahead = packB && nextKc > 0 ? (nextKc + tiles - 1) / tiles : 0;
                for (int n0 = c0, t = 0; c0 < n1; t++) {
                    if (ahead) {        /* a share of the next block's rows per column tile */
                        const int p0 = t * ahead, p1 = p0 + ahead < nextKc ? p0 + ahead : nextKc;
                        K(gemm_prefetch_b)(b + (long)nextK * ldb, ldb, p0, p1, nextC, nextN);
                    }
                    const int left = (n1 - c0) / VW, cols = left >= GEMM_COLS ? GEMM_COLS : left;
                    const float *bt = packB ? bpanels + (long)(c0 - n0) * kc : bk + c0;
                    const long ldt = packB ? cols * VW : ldb;
                    for (int r0 = 0; r0 < m;) {
                        const int rows = K(row_tile)(m, r0);
                        K(gemm_block)(a + (long)r0 * rsa + (long)k0 * csa, rsa, csa, bt, ldt, LEPTON_GEMM_SUBPANEL, c + (long)r0 * ldc + c0,
                                      ldc, rows, cols, 0, kc, load);
                        r0 += rows;
                    }
                    c0 += cols * VW;
                }
            }
            continue;
        }
        for (int n0 = 0; n0 < vn; n0 += GEMM_NC) {
            const int n1 = vn - n0 < GEMM_NC ? vn : n0 + GEMM_NC;
            if (packB) K(gemm_pack_b)(bk, ldb, kc, n0, n1, bpanels);
            for (int r0 = 0; r0 < m;) {
                const int rows = K(row_tile)(m, r0);
                const float *ar = a + (long)r0 * rsa + (long)k0 * csa;
                long prs = rsa, pcs = csa;
                if (packs) {
                    K(gemm_pack)(ar, rsa, csa, rows, kc, panel);
                    ar = panel; prs = 1; pcs = GEMM_ROWS;
                }
                float *cr = c + (long)r0 * ldc;
                for (int c0 = n0; c0 < n1;) {
                    const int left = (n1 - c0) / VW, cols = left >= GEMM_COLS ? GEMM_COLS : left;
                    if (packB)
                        K(gemm_block)(ar, prs, pcs, bpanels + (long)(c0 - n0) * kc, cols * VW, LEPTON_GEMM_SUBPANEL, cr + c0, ldc, rows, cols, 0,
                                      kc, load);
                    else
                        K(gemm_block)(ar, prs, pcs, bk + c0, ldb, LEPTON_GEMM_SUBPANEL, cr + c0, ldc, rows, cols, 0, kc, load);
                    c0 += cols * VW;
                }
                r0 += rows;
            }
        }
    }
    if (vn < n) K(gemm_tail)(a, rsa, csa, b, ldb, c, ldc, m, vn, n, k, accumulate, (n - vn + VW - 1) / VW);
}
