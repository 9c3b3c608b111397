/* Winograd's minimal filtering F(2×2, 5×5) for stride-1 5×5 convolutions with many
   channels (Lavin & Gray 2016, "Fast Algorithms for Convolutional Neural Networks"): each
   2×2 block of outputs is Aᵀ [Σ_c (G g_c Gᵀ) ⊙ (Bᵀ d_c B)] A, with d_c the 6×6 input tile of
   channel c and g_c its 5×5 kernel — 36 multiplications per channel and filter where the
   direct sum takes 100. Interpolation points 0, 1, −1, 2, −1/2 and ∞ (of the sets tried
   in float32 on random 32-channel tiles, the one with the smallest error: a mean |error|
   of 3.9e-6 on outputs of magnitude ≈ 3, against 6.6e-6 for Lavin's 0, ±1, ±2).

   Written once for a vector of VW floats (the includer defines VW, FWD_P, K(name), VFMA).
   The transforms are fixed sequences of vector operations applied lane by lane, and every
   transformed product is one chain of fused multiply-adds over the channels in order (the
   direct kernels' K(tile) with a 1×1 window), so every build with FMA gives the same bits,
   whatever its vector width or tile sizes, the batch or the thread count. They are not the
   direct convolution's bits: the sums run in another order. */

#define WG_BLOCK (2 * FWD_P)     /* tiles transformed together: their data stays in L2 */
#define WG_SKEW 16               /* floats between the 36 planes of a block, so that a tile's 36
                                    values do not fall into a few sets of the L1 cache */

/* v = Bᵀ d for one 6-vector (d[i·s] for i = 0…5, results v[j·t]): 17 operations. */
#define WG_INPUT_1D(d, s, v, t)                                                                                \
    do {                                                                                                       \
        const vf d0 = (d)[0], d1 = (d)[(s)], d2 = (d)[2 * (s)], d3 = (d)[3 * (s)], d4 = (d)[4 * (s)],          \
                 d5 = (d)[5 * (s)];                                                                            \
        const vf a = d1 - d3, b = d4 - d2;                                                                     \
        (v)[0] = VFMA(BC(-2.0f), d2, VFMA(BC(1.5f), a, d0 + d4));                                              \
        (v)[(t)] = VFMA(BC(-0.5f), d3, VFMA(BC(-2.5f), d2, d4 - d1));                                          \
        (v)[2 * (t)] = VFMA(BC(-2.5f), d3, VFMA(BC(0.5f), d2, d4 + d1));                                       \
        (v)[3 * (t)] = VFMA(BC(-0.5f), a, b);                                                                  \
        (v)[4 * (t)] = VFMA(BC(2.0f), a, b);                                                                   \
        (v)[5 * (t)] = VFMA(BC(-2.0f), d3, VFMA(BC(1.5f), d2 - d4, d1 + d5));                                  \
    } while (0)

/* u = G g for one 5-vector of kernel taps (g[i·s], results u[j·t]). */
#define WG_KERNEL_1D(g, s, u, t)                                                                               \
    do {                                                                                                       \
        const vf g0 = (g)[0], g1 = (g)[(s)], g2 = (g)[2 * (s)], g3 = (g)[3 * (s)], g4 = (g)[4 * (s)];         \
        (u)[0] = g0;                                                                                           \
        (u)[(t)] = (g0 + g1 + g2 + g3 + g4) * BC(-1.0f / 3.0f);                                                \
        (u)[2 * (t)] = (g0 - g1 + g2 - g3 + g4) * BC(1.0f / 3.0f);                                             \
        (u)[3 * (t)] = VFMA(BC(16.0f), g4, VFMA(BC(8.0f), g3, VFMA(BC(4.0f), g2, VFMA(BC(2.0f), g1, g0))))    \
                       * BC(1.0f / 15.0f);                                                                     \
        (u)[4 * (t)] = VFMA(BC(-16.0f), g0, VFMA(BC(8.0f), g1, VFMA(BC(-4.0f), g2, VFMA(BC(2.0f), g3, -g4))))   \
                       * BC(1.0f / 15.0f);                                                                     \
        (u)[5 * (t)] = g4;                                                                                     \
    } while (0)

/* y = Aᵀ m for one 6-vector (m[i·s], results y[0], y[t]). */
#define WG_OUTPUT_1D(m, s, y, t)                                                                               \
    do {                                                                                                       \
        const vf m0 = (m)[0], m1 = (m)[(s)], m2 = (m)[2 * (s)], m3 = (m)[3 * (s)], m4 = (m)[4 * (s)],          \
                 m5 = (m)[5 * (s)];                                                                            \
        (y)[0] = m0 + m1 + m2 + m3 + m4;                                                                       \
        (y)[(t)] = VFMA(BC(-0.5f), m4, VFMA(BC(2.0f), m3, m1 - m2)) + m5;                                      \
    } while (0)

/* The transformed kernel u [36, channels, filters] (element ξ = 6·row + column of G g Gᵀ)
   of the HWIO kernel [5, 5, channels, filters]; filters a multiple of VW. */
static inline void K(winograd_kernel)(const float *kernel, int channels, int filters, float *u) {
    const long plane = (long)channels * filters;
    for (long at = 0; at < plane; at += VW) {
        vf g[25], t[30], r[36];
        for (int i = 0; i < 25; i++) g[i] = LD(kernel + i * plane + at);
        for (int kx = 0; kx < 5; kx++) WG_KERNEL_1D(g + kx, 5, t + kx, 5);     /* t [6 rows, 5 columns] */
        for (int i = 0; i < 6; i++) WG_KERNEL_1D(t + 5 * i, 1, r + 6 * i, 1);
        for (int x = 0; x < 36; x++) ST(u + x * plane + at, r[x]);
    }
}

/* One channel vector of one tile: dst[ξ·plane] = (Bᵀ d B)[ξ], d[i][j] read at src + i·rowStride
   + j·colStride. */
static inline __attribute__((always_inline))
void K(winograd_input_tile)(const float *src, long rowStride, long colStride, float *dst, long plane) {
    vf s[36];
    for (int j = 0; j < 6; j++) {                       /* columns: Bᵀ d */
        vf d[6];
        for (int i = 0; i < 6; i++) d[i] = LD(src + i * rowStride + j * colStride);
        WG_INPUT_1D(d, 1, s + j, 6);
    }
    for (int i = 0; i < 6; i++) {                       /* rows: (Bᵀ d) B */
        vf r[6];
        WG_INPUT_1D(s + 6 * i, 1, r, 1);
        for (int j = 0; j < 6; j++) ST(dst + (6 * i + j) * plane, r[j]);
    }
}

/* The transformed input tiles v [36, count, channels] (planes count·channels + WG_SKEW
   apart) of `count` tiles from tile index `first` (tiles numbered over images, then rows,
   then columns of a grid of th × tw): tile (ty, tx) reads input rows 2·ty − padTop … + 5 and columns 2·tx − padLeft … + 5,
   zero outside the image [height, width, channels]; channels a multiple of VW. */
static inline void K(winograd_input)(const float *input, int height, int width, int channels, int padTop,
                                     int padLeft, int th, int tw, long first, int count, float *v) {
    const long image = (long)height * width * channels, plane = (long)count * channels + WG_SKEW;
    for (int t = 0; t < count; t++) {
        const long at = first + t;
        const int n = (int)(at / ((long)th * tw)), ty = (int)(at / tw % th), tx = (int)(at % tw);
        const int y0 = 2 * ty - padTop, x0 = 2 * tx - padLeft;
        const float *img = input + n * image;
        float *dst = v + (long)t * channels;
        if (y0 >= 0 && x0 >= 0 && y0 + 6 <= height && x0 + 6 <= width) {
            const float *src = img + ((long)y0 * width + x0) * channels;
            for (int c = 0; c < channels; c += VW)
                K(winograd_input_tile)(src + c, (long)width * channels, channels, dst + c, plane);
            continue;
        }
        for (int c = 0; c < channels; c += VW) {       /* a tile over the border: its zeros made here */
            float d[36 * VW];
            for (int i = 0; i < 6; i++)
                for (int j = 0; j < 6; j++) {
                    const int y = y0 + i, x = x0 + j;
                    ST(d + (6 * i + j) * VW, y >= 0 && y < height && x >= 0 && x < width
                                                 ? LD(img + ((long)y * width + x) * channels + c) : BC(0));
                }
            K(winograd_input_tile)(d, 6 * VW, VW, dst + c, plane);
        }
    }
}

/* P tiles' products of one transformed element: m [P, filters] = v [P, channels] · u. */
static inline __attribute__((always_inline))
void K(winograd_products)(const float *v, int channels, const float *u, int filters, float *m, const int P) {
    long off[8];
    for (int p = 0; p < P; p++) off[p] = (long)p * channels;
    for (int fb = 0; fb < filters; fb += 2 * VW) {
        vf acc[8][2];
        K(tile)(v, off, P, 0, channels, u + fb, 1, 1, filters, acc);
        K(store_raw)(acc, P, m + fb, filters);
    }
}

/* Forward pass of a stride-1 5×5 convolution by F(2×2, 5×5), see lepton_conv2d_winograd:
   the output [batch, oh, ow, filters], or with `pool` its 2×2 max-pool [batch, oh/2, ow/2,
   filters] and `codes` as the direct pooled pass writes them. `bias` may be NULL (raw sums,
   no ReLU). u is K(winograd_kernel)'s. channels a multiple of VW, filters of 2·VW. */
static inline void K(winograd_body)(const float *input, int batch, int height, int width, int channels,
                                    int padTop, int padLeft, int oh, int ow, const float *u, int filters,
                                    const float *bias, int relu, int pool, float *output, unsigned char *codes) {
    const int th = pool ? oh / 2 : (oh + 1) / 2, tw = pool ? ow / 2 : (ow + 1) / 2;
    const long tiles = (long)batch * th * tw;
    float *v = lepton_scratch(LEPTON_SCRATCH_OPERAND, (size_t)36 * (WG_BLOCK * (size_t)channels + WG_SKEW));
    float *m = lepton_scratch(LEPTON_SCRATCH_RESULT, (size_t)36 * (WG_BLOCK * (size_t)filters + WG_SKEW));
    const long uPlane = (long)channels * filters;
    for (long first = 0; first < tiles; first += WG_BLOCK) {
        const int count = tiles - first < WG_BLOCK ? (int)(tiles - first) : WG_BLOCK;
        K(winograd_input)(input, height, width, channels, padTop, padLeft, th, tw, first, count, v);
        for (int x = 0; x < 36; x++) {
            const float *vx = v + x * ((long)count * channels + WG_SKEW), *ux = u + x * uPlane;
            float *mx = m + x * ((long)count * filters + WG_SKEW);
            for (int t = 0; t < count;) {
                const int P = K(tile_width)(count - t, FWD_P);
#define WG_PRODUCTS(P) K(winograd_products)(vx + (long)t * channels, channels, ux, filters, mx + (long)t * filters, P)
                TILE_SIZES(P, WG_PRODUCTS)
#undef WG_PRODUCTS
                t += P;
            }
        }
        const long mPlane = (long)count * filters + WG_SKEW;
        for (int t = 0; t < count; t++) {
            const long at = first + t;
            const int n = (int)(at / ((long)th * tw)), ty = (int)(at / tw % th), tx = (int)(at % tw);
            for (int fb = 0; fb < filters; fb += 2 * VW) {
                vf acc[4][2];       /* the tile's outputs, top-left, top-right, bottom-left, bottom-right */
                for (int h = 0; h < 2; h++) {
                    const float *src = m + (long)t * filters + fb + h * VW;
                    vf e[36], s[12], y[4];
                    for (int x = 0; x < 36; x++) e[x] = LD(src + x * mPlane);
                    for (int j = 0; j < 6; j++) WG_OUTPUT_1D(e + j, 6, s + j, 6);   /* s [2 rows, 6 columns] */
                    for (int i = 0; i < 2; i++) WG_OUTPUT_1D(s + 6 * i, 1, y + 2 * i, 1);
                    for (int q = 0; q < 4; q++) acc[q][h] = y[q];
                }
                if (pool) {
                    const long o = (((long)n * th + ty) * tw + tx) * filters + fb;
                    K(pool_one)(acc, 0, bias + fb, relu, output + o, codes ? codes + o : 0);
                    continue;
                }
                for (int q = 0; q < 4; q++) {
                    const int oy = 2 * ty + q / 2, ox = 2 * tx + q % 2;
                    if (oy >= oh || ox >= ow) continue;
                    float *dst = output + (((long)n * oh + oy) * ow + ox) * filters + fb;
                    if (bias) K(store)(acc + q, 1, bias + fb, relu, dst, filters);
                    else K(store_raw)(acc + q, 1, dst, filters);
                }
            }
        }
    }
}

/* The kernel gradient by F(5×5, 2×2) — the same points, so the same input transform Bᵀ d B:
   for each 2×2 tile of dy, dW += A'ᵀ [(G' dy G'ᵀ) ⊙ (Bᵀ d B)] A' with G' (6 × 2) and A'ᵀ
   (5 × 6) below; the sum over tiles is taken in the transformed domain, so the output
   transform runs once. */

/* u = G' g for one 2-vector (g[0], g[s]; results u[j·t]). */
#define WG_DY_1D(g, s, u, t)                                                                                   \
    do {                                                                                                       \
        const vf g0 = (g)[0], g1 = (g)[(s)];                                                                   \
        (u)[0] = g0;                                                                                           \
        (u)[(t)] = (g0 + g1) * BC(-1.0f / 3.0f);                                                               \
        (u)[2 * (t)] = (g0 - g1) * BC(1.0f / 3.0f);                                                            \
        (u)[3 * (t)] = VFMA(BC(2.0f), g1, g0) * BC(1.0f / 15.0f);                                              \
        (u)[4 * (t)] = VFMA(BC(-16.0f), g0, BC(8.0f) * g1) * BC(1.0f / 15.0f);                                 \
        (u)[5 * (t)] = g1;                                                                                     \
    } while (0)

/* y = A'ᵀ m for one 6-vector (m[i·s], results y[j·t], j = 0…4). */
#define WG_GRAD_OUTPUT_1D(m, s, y, t)                                                                          \
    do {                                                                                                       \
        const vf m0 = (m)[0], m1 = (m)[(s)], m2 = (m)[2 * (s)], m3 = (m)[3 * (s)], m4 = (m)[4 * (s)],          \
                 m5 = (m)[5 * (s)];                                                                            \
        const vf p = m1 + m2, q = m1 - m2;                                                                     \
        (y)[0] = m0 + p + m3 + m4;                                                                             \
        (y)[(t)] = VFMA(BC(-0.5f), m4, VFMA(BC(2.0f), m3, q));                                                 \
        (y)[2 * (t)] = VFMA(BC(0.25f), m4, VFMA(BC(4.0f), m3, p));                                             \
        (y)[3 * (t)] = VFMA(BC(-0.125f), m4, VFMA(BC(8.0f), m3, q));                                           \
        (y)[4 * (t)] = VFMA(BC(0.0625f), m4, VFMA(BC(16.0f), m3, p)) + m5;                                     \
    } while (0)

#define WG_GRAD_BLOCK 24          /* tiles per block (any size gives the same bits) */

/* The transformed dy tiles e [36, count, filters] (planes count·filters + WG_SKEW apart):
   tile (ty, tx) is dy rows 2·ty, 2·ty + 1 and columns 2·tx, 2·tx + 1, zero past oh, ow. */
static inline void K(winograd_dy)(const float *dy, int oh, int ow, int filters, int th, int tw, long first, int count,
                                  float *e) {
    const long plane = (long)count * filters + WG_SKEW;
    for (int t = 0; t < count; t++) {
        const long at = first + t;
        const int n = (int)(at / ((long)th * tw)), ty = (int)(at / tw % th), tx = (int)(at % tw);
        for (int f = 0; f < filters; f += VW) {
            vf g[4], s[12];
            for (int q = 0; q < 4; q++) {
                const int y = 2 * ty + q / 2, x = 2 * tx + q % 2;
                g[q] = y < oh && x < ow ? LD(dy + (((long)n * oh + y) * ow + x) * filters + f) : BC(0);
            }
            for (int j = 0; j < 2; j++) WG_DY_1D(g + j, 2, s + j, 2);        /* s [6 rows, 2 columns] */
            float *dst = e + (long)t * filters + f;
            for (int i = 0; i < 6; i++) {
                vf r[6];
                WG_DY_1D(s + 2 * i, 1, r, 1);
                for (int j = 0; j < 6; j++) ST(dst + (6 * i + j) * plane, r[j]);
            }
        }
    }
}

/* acc[p][h] (P channels from c × 2 vectors of filters from fb) continues m's chain over the
   `count` tiles of one transformed element: m[c + p][fb + h·VW] += Σ_t v[t][c + p] · e[t][fb + h·VW]. */
static inline __attribute__((always_inline))
void K(winograd_grad_tile)(const float *v, int channels, const float *e, int filters, int count, float *m, int c,
                           int fb, const int P) {
    vf acc[8][2];
    for (int p = 0; p < P; p++) {
        acc[p][0] = LD(m + (long)(c + p) * filters + fb);
        acc[p][1] = LD(m + (long)(c + p) * filters + fb + VW);
    }
    for (int t = 0; t < count; t++) {
        const vf w0 = LD(e + (long)t * filters + fb), w1 = LD(e + (long)t * filters + fb + VW);
        const float *a = v + (long)t * channels + c;
        for (int p = 0; p < P; p++) {
            const vf x = BC(a[p]);
            acc[p][0] = VFMA(x, w0, acc[p][0]);
            acc[p][1] = VFMA(x, w1, acc[p][1]);
        }
    }
    for (int p = 0; p < P; p++) {
        ST(m + (long)(c + p) * filters + fb, acc[p][0]);
        ST(m + (long)(c + p) * filters + fb + VW, acc[p][1]);
    }
}

/* The kernel gradient dw [5, 5, channels, filters] of the convolution K(winograd_body)
   computes (unpooled geometry), from dy [batch, oh, ow, filters]: one chain of fused
   multiply-adds per transformed element, channel and filter over every tile in order (from
   +0), then A'ᵀ M A'. channels a multiple of VW, filters of 2·VW. */
static inline void K(winograd_grad_body)(const float *input, int batch, int height, int width, int channels,
                                         int padTop, int padLeft, int oh, int ow, const float *dy, int filters,
                                         float *dw) {
    const int th = (oh + 1) / 2, tw = (ow + 1) / 2;
    const long tiles = (long)batch * th * tw, mPlane = (long)channels * filters;
    float *v = lepton_scratch(LEPTON_SCRATCH_OPERAND, (size_t)36 * (WG_GRAD_BLOCK * (size_t)channels + WG_SKEW));
    float *e = lepton_scratch(LEPTON_SCRATCH_RESULT, (size_t)36 * (WG_GRAD_BLOCK * (size_t)filters + WG_SKEW));
    float *m = lepton_scratch(LEPTON_SCRATCH_WINOGRAD, (size_t)36 * (size_t)mPlane);
    memset(m, 0, sizeof(float) * 36 * (size_t)mPlane);
    for (long first = 0; first < tiles; first += WG_GRAD_BLOCK) {
        const int count = tiles - first < WG_GRAD_BLOCK ? (int)(tiles - first) : WG_GRAD_BLOCK;
        K(winograd_input)(input, height, width, channels, padTop, padLeft, th, tw, first, count, v);
        K(winograd_dy)(dy, oh, ow, filters, th, tw, first, count, e);
        for (int x = 0; x < 36; x++) {
            const float *vx = v + x * ((long)count * channels + WG_SKEW), *ex = e + x * ((long)count * filters + WG_SKEW);
            float *mx = m + x * mPlane;
            for (int c = 0; c < channels;) {
                const int P = K(tile_width)(channels - c, FWD_P);
                for (int fb = 0; fb < filters; fb += 2 * VW) {
#define WG_GRAD(P) K(winograd_grad_tile)(vx, channels, ex, filters, count, mx, c, fb, P)
                    TILE_SIZES(P, WG_GRAD)
#undef WG_GRAD
                }
                c += P;
            }
        }
    }
    for (long at = 0; at < mPlane; at += VW) {        /* dW = A'ᵀ M A' */
        vf s[36], r[30];
        for (int x = 0; x < 36; x++) s[x] = LD(m + x * mPlane + at);
        for (int j = 0; j < 6; j++) WG_GRAD_OUTPUT_1D(s + j, 6, r + j, 6);      /* r [5 rows, 6 columns] */
        for (int i = 0; i < 5; i++) {
            vf y[5];
            WG_GRAD_OUTPUT_1D(r + 6 * i, 1, y, 1);
            for (int j = 0; j < 5; j++) ST(dw + (5 * i + j) * mPlane + at, y[j]);
        }
    }
}
