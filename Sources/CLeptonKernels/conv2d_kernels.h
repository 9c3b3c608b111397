/* The direct-convolution kernels, written once for a vector of VW floats and included by
   kernels_v8.c (8 lanes: AVX2 + FMA, and baseline x86-64) and kernels_v16.c (16 lanes:
   AVX-512). The includer defines VW, TAPS (taps kept in registers by the gradient kernel),
   K(name) (their names), VFMA and SFMA (vector_types.h).

   Every output sums its products in the same order in every build — over ky, kx, then
   channel for the forward pass; over images, then conv-output rows, then columns for the
   gradients — each product added with one fused multiply-add (VFMA), so the builds give the
   same bits, and the same bits as im2col + Lepton's GEMM (gemm_kernels.h), whose patch
   order is the same (ky, kx, channel) and whose chains start, like these, from 0. */
/* P output pixels (top-left input offsets in `off`, in floats from `img`) times one block
   of 2·VW filters: acc[p][0..1] = Σ over the window, in the order ky, kx, channel. */
static inline __attribute__((always_inline))
void K(tile)(const float *img, const long *off, int P, int width, int channels, const float *w, int kh,
             int kw, int filters, vf acc[][2]) {
    for (int p = 0; p < P; p++) { acc[p][0] = BC(0); acc[p][1] = BC(0); }
    for (int ky = 0; ky < kh; ky++) {
        for (int kx = 0; kx < kw; kx++) {
            const float *wr = w + (long)(ky * kw + kx) * channels * filters;
            const long base = ((long)ky * width + kx) * channels;
            for (int c = 0; c < channels; c++) {
                const vf w0 = LD(wr + (long)c * filters), w1 = LD(wr + (long)c * filters + VW);
                for (int p = 0; p < P; p++) {
                    const vf a = BC(img[off[p] + base + c]);
                    acc[p][0] = VFMA(a, w0, acc[p][0]);
                    acc[p][1] = VFMA(a, w1, acc[p][1]);
                }
            }
        }
    }
}

/* The 2×2 window maximum of acc[4q..4q+3] (window order: top-left, top-right, bottom-left,
   bottom-right; the first wins a tie), plus bias, then ReLU; `code` receives the window
   position of the maximum, or 255 where ReLU zeroed the output (no gradient flows). */
static inline __attribute__((always_inline))
void K(pool_one)(vf acc[][2], int q0, const float *bias, int relu, float *dst, unsigned char *code) {
    for (int h = 0; h < 2; h++) {
        /* The bias is added before comparing, as the unfused layers do: two sums that round
           to the same value with the bias are a tie, won by the first. */
        const vf b = LD(bias + VW * h);
        vf best = acc[q0][h] + b;
        vi at = (vi){0};
        for (int q = 1; q < 4; q++) {
            const vf v = acc[q0 + q][h] + b;
            const vi m = (vi)(v > best);
            best = SEL(m, v, best);
            at = (at & ~m) | ((vi){0} + q & m);
        }
        vf y = best;
        if (relu) {
            const vi alive = (vi)(y > BC(0));
            y = SEL(alive, y, BC(0));
            at = (at & alive) | ((vi){0} + 255 & ~alive);
        }
        ST(dst + VW * h, y);
        if (code) STB(code + VW * h, __builtin_convertvector(at, vb));
    }
}

/* P unpooled output pixels of a tile, plus bias, then ReLU: pixel p goes to dst + p·stride. */
static inline __attribute__((always_inline))
void K(store)(vf acc[][2], int P, const float *bias, int relu, float *dst, long stride) {
    for (int p = 0; p < P; p++) {
        for (int h = 0; h < 2; h++) {
            const vf v = acc[p][h] + LD(bias + VW * h);
            ST(dst + (long)p * stride + VW * h, relu ? __builtin_elementwise_max(v, BC(0)) : v);
        }
    }
}

/* P unpooled output pixels of a tile, raw sums (no bias): pixel p goes to dst + p·stride. */
static inline __attribute__((always_inline))
void K(store_raw)(vf acc[][2], int P, float *dst, long stride) {
    for (int p = 0; p < P; p++) {
        ST(dst + (long)p * stride, acc[p][0]);
        ST(dst + (long)p * stride + VW, acc[p][1]);
    }
}

#ifndef WG_TAPS
#define WG_TAPS TAPS              /* taps per tile of the kernel gradients beyond a first layer's */
#endif

_Static_assert(FWD_P >= 1 && FWD_P <= 8 && CONV_P >= 1 && CONV_P <= 8, "tiles of at most 8 pixels");

/* The width of the next tile of a row with `left` pixels to go, tiles of `full` pixels: full
   ones, except that a rest of one or two pixels is not left alone — the last full tile and
   it are split into two tiles of about the same width (7 = 4 + 3 for tiles of 6). */
static inline int K(tile_width)(int left, int full) {
    if (left <= full) return left;
    if (left - full <= 2) return (left + 1) / 2;
    return full;
}

/* P output pixels from pixel q of the batch's output (images of oh × ow pixels, one after
   another, each in row-major order; a tile may cross rows and images, so a narrow output
   keeps full tiles), filters f0 … f1 − 1 of `filters`: plus bias, then ReLU when `finish` != 0, else the raw
   sums. dst is the output [batch·oh·ow, filters]. */
static inline __attribute__((always_inline))
void K(forward_pixels)(const float *input, long imageSize, long q, int oh, int ow, int sy, int sx, int width,
                       int channels, const float *kernel, int kh, int kw, int filters, int f0, int f1,
                       const float *bias, int relu, int finish, float *dst, const int P) {
    const long pixels = (long)oh * ow;
    long off[8];
    for (int p = 0; p < P; p++) {
        const long n = (q + p) / pixels, at = (q + p) % pixels;
        off[p] = n * imageSize + ((at / ow) * sy * width + (at % ow) * sx) * channels;
    }
    for (int fb = f0; fb < f1; fb += 2 * VW) {
        vf acc[8][2];
        K(tile)(input, off, P, width, channels, kernel + fb, kh, kw, filters, acc);
        if (finish) K(store)(acc, P, bias + fb, relu, dst + q * filters + fb, filters);
        else K(store_raw)(acc, P, dst + q * filters + fb, filters);
    }
}

/* Forward pass, see lepton_conv2d_direct; `codes` (pooled only, may be NULL) receives one
   byte per pooled output: the window position of the maximum or 255 (ReLU zeroed it).
   filters must be a multiple of 2·VW; only filters f0 … f1 − 1 (multiples of 2·VW) are
   computed and written, each output as a call for all of them computes it. Pooled, a build with registers for two windows
   (POOL_PAIRS) computes two 2×2 windows × 2 vectors at once; the others compute the two
   conv rows of each pooled row into a buffer (raw sums, as in registers) and pool from it. */
static inline __attribute__((always_inline))
void K(forward_shape)(const float *input, int batch, int height, int width, int channels, const float *kernel,
                      int kh, int kw, int sy, int sx, int filters, int f0, int f1, const float *bias, int relu, int pool,
                      float *output, unsigned char *codes) {
    const int oh = (height - kh) / sy + 1, ow = (width - kw) / sx + 1;     /* pool: stride 1 */
    const long imageSize = (long)height * width * channels;
#if !POOL_PAIRS
    float rowsStack[2 * 64 * 64];
    float *rows = 0;
    if (pool) {
        const long need = 2L * ow * filters;
        rows = need <= (long)(sizeof rowsStack / sizeof(float)) ? rowsStack
                                                                : __builtin_malloc(sizeof(float) * (unsigned long)need);
    }
#endif
    for (int n = 0; pool && n < batch; n++) {             /* pooled: image by image */
        const float *img = input + n * imageSize;
        const int ph = oh / 2, pw = ow / 2;
        float *out = output + (long)n * ph * pw * filters;
        unsigned char *cd = codes ? codes + (long)n * ph * pw * filters : 0;
        for (int py = 0; py < ph; py++) {
#if POOL_PAIRS
            for (int px = 0; px < pw; px += 2) {
                const int pair = px + 1 < pw;
                long off[8];
                for (int j = 0; j <= pair; j++) {
                    const long o = ((long)(2 * py) * width + 2 * (px + j)) * channels;
                    off[4 * j] = o; off[4 * j + 1] = o + channels;
                    off[4 * j + 2] = o + (long)width * channels; off[4 * j + 3] = o + (long)(width + 1) * channels;
                }
                const long at = ((long)py * pw + px) * filters;
                for (int fb = f0; fb < f1; fb += 2 * VW) {
                    vf acc[8][2];
                    float *dst = out + at + fb;
                    unsigned char *code = cd ? cd + at + fb : 0;
                    if (pair) {     /* constant indices throughout, so acc stays in registers */
                        K(tile)(img, off, 8, width, channels, kernel + fb, kh, kw, filters, acc);
                        K(pool_one)(acc, 0, bias + fb, relu, dst, code);
                        K(pool_one)(acc, 4, bias + fb, relu, dst + filters, code ? code + filters : 0);
                    } else {
                        K(tile)(img, off, 4, width, channels, kernel + fb, kh, kw, filters, acc);
                        K(pool_one)(acc, 0, bias + fb, relu, dst, code);
                    }
                }
            }
#else
            /* the two conv rows' outputs some window reads, as one run of 2·used pixels (a tile
               may cross from the first row to the second): raw sums, pooled below */
            const int used = 2 * pw;
            const float *top = img + (long)(2 * py) * width * channels;
            for (int q = 0; q < 2 * used;) {
                const int P = K(tile_width)(2 * used - q, FWD_P);
#define ROWS_TILE(P) K(forward_pixels)(top, 0, q, 2, used, 1, 1, width, channels, kernel, kh, kw, filters, f0, f1, bias, \
                                       relu, 0, rows, P)
                TILE_SIZES(P, ROWS_TILE)
#undef ROWS_TILE
                q += P;
            }
            for (int px = 0; px < pw; px++) {
                const long at = ((long)py * pw + px) * filters;
                const float *r0 = rows + (long)(2 * px) * filters, *r1 = r0 + (long)used * filters;
                for (int fb = f0; fb < f1; fb += 2 * VW) {
                    vf acc[4][2];
                    acc[0][0] = LD(r0 + fb); acc[0][1] = LD(r0 + fb + VW);
                    acc[1][0] = LD(r0 + filters + fb); acc[1][1] = LD(r0 + filters + fb + VW);
                    acc[2][0] = LD(r1 + fb); acc[2][1] = LD(r1 + fb + VW);
                    acc[3][0] = LD(r1 + filters + fb); acc[3][1] = LD(r1 + filters + fb + VW);
                    K(pool_one)(acc, 0, bias + fb, relu, out + at + fb, cd ? cd + at + fb : 0);
                }
            }
#endif
        }
    }
    if (!pool) {            /* the batch's output pixels in order, tiles crossing rows and images */
        const long total = (long)batch * oh * ow;
        for (long q = 0; q < total;) {
            const int P = K(tile_width)(total - q < 64 ? (int)(total - q) : 64, FWD_P);
#define FWD_PIXELS(P) K(forward_pixels)(input, imageSize, q, oh, ow, sy, sx, width, channels, kernel, kh, kw, filters, \
                                        f0, f1, bias, relu, 1, output, P)
            TILE_SIZES(P, FWD_PIXELS)
#undef FWD_PIXELS
            q += P;
        }
    }
#if !POOL_PAIRS
    if (rows && rows != rowsStack) __builtin_free(rows);
#endif
}

/* K(forward_shape), with a one-channel 5×5 window (the tutorial convnet's first layer) as
   constants, so each tile's 25 taps unroll into straight-line code: the same products in the
   same order (AVX2, 32 images 32×32 → 28×28 × 32, pooled: 666 → 497 µs; a one-channel 3×3
   window gained nothing so unrolled, and the AVX-512 build nothing either). */
static inline __attribute__((always_inline))
void K(forward_body)(const float *input, int batch, int height, int width, int channels, const float *kernel,
                     int kh, int kw, int sy, int sx, int filters, int f0, int f1, const float *bias, int relu, int pool,
                     float *output, unsigned char *codes) {
    if (channels == 1 && kh == 5 && kw == 5)
        K(forward_shape)(input, batch, height, width, 1, kernel, 5, 5, sy, sx, filters, f0, f1, bias, relu, pool, output, codes);
    else
        K(forward_shape)(input, batch, height, width, channels, kernel, kh, kw, sy, sx, filters, f0, f1, bias, relu, pool,
                         output, codes);
}

/* Each tap's offset from a window's top-left input element, in the patch order (ky, kx,
   channel), for images `width` pixels wide: in `stack` when kh·kw·channels ≤ 256, else in
   memory the caller frees (when the result is not `stack`). */
static inline long *K(tap_offsets)(int kh, int kw, int channels, int width, long stack[256]) {
    const int taps = kh * kw * channels;
    long *off = taps <= 256 ? stack : __builtin_malloc(sizeof(long) * (unsigned long)taps);
    for (int ky = 0, t = 0; ky < kh; ky++)
        for (int kx = 0; kx < kw; kx++)
            for (int c = 0; c < channels; c++, t++) off[t] = ((long)ky * width + kx) * channels + c;
    return off;
}

/* One conv-output pixel's gradient for a block of 2·VW filters, from the pooled gradient
   and the codes: dy where this pixel (window position q) was the live maximum, else 0. */
#define POOLED_GRAD(g0, g1, dyp, cdp, q) do {                                            \
        const vi k0_ = __builtin_convertvector(LDB(cdp), vi);                            \
        const vi k1_ = __builtin_convertvector(LDB((cdp) + VW), vi);                     \
        const vi q_ = (vi){0} + (q);                                                     \
        g0 = (vf)((vi)LD(dyp) & (vi)(k0_ == q_));                                        \
        g1 = (vf)((vi)LD((dyp) + VW) & (vi)(k1_ == q_));                                 \
    } while (0)

#if PG_ONE_VECTOR
/* The gradients below for a build with 16 registers and at most PG_TAPS taps (a first
   layer's 3×3 kernel over one channel): the taps × one vector of filters, in one pass over
   the pixels instead of 6 + 3 taps × two vectors. The same chains, in the same order. */
static inline __attribute__((always_inline))
void K(pooled_grad_narrow)(const float *input, int batch, int height, int width, int channels, int kh, int kw,
                         const float *dy, const unsigned char *codes, int filters, float *dw, float *db) {
    const int oh = height - kh + 1, ow = width - kw + 1, ph = oh / 2, pw = ow / 2;
    const int taps = kh * kw * channels;
    long offStack[256];
    long *off = K(tap_offsets)(kh, kw, channels, width, offStack);
    for (int fb = 0; fb < filters; fb += VW) {
        vf b0 = BC(0);
        for (int t0 = 0; t0 < taps; t0 += PG_TAPS) {
            const int rows = taps - t0 < PG_TAPS ? taps - t0 : PG_TAPS;
            const long *o = off + t0;
            vf acc[PG_TAPS];
            for (int r = 0; r < PG_TAPS; r++) acc[r] = BC(0);
            for (int n = 0; n < batch; n++) {
                const float *img = input + (long)n * height * width * channels;
                for (int oy = 0; oy < 2 * ph; oy++) {
                    const long prow = ((long)n * ph + oy / 2) * pw;
                    for (int ox = 0; ox < 2 * pw; ox++) {
                        const long p = (prow + ox / 2) * filters + fb;
                        const vi k_ = __builtin_convertvector(LDB(codes + p), vi);
                        const vf g = (vf)((vi)LD(dy + p) & (vi)(k_ == (vi){0} + ((oy & 1) * 2 + (ox & 1))));
                        const float *x = img + ((long)oy * width + ox) * channels;
                        if (rows == PG_TAPS) {
                            for (int r = 0; r < PG_TAPS; r++) acc[r] = VFMA(BC(x[o[r]]), g, acc[r]);
                        } else {
                            for (int r = 0; r < rows; r++) acc[r] = VFMA(BC(x[o[r]]), g, acc[r]);
                        }
                        if (t0 == 0) b0 = b0 + g;
                    }
                }
            }
            for (int r = 0; r < rows; r++) ST(dw + (long)(t0 + r) * filters + fb, acc[r]);
        }
        ST(db + fb, b0);
    }
    if (off != offStack) __builtin_free(off);
}
#endif
/* dW and db of a convolution fused with ReLU and a 2×2 max-pool, from the pooled gradient
   and the forward pass's codes; each element sums over images, conv-output rows, then
   columns (conv outputs outside every window and the non-maximal ones contribute 0).
   Taps are kept in registers T at a time (T at most TAPS). */
static inline __attribute__((always_inline))
void K(pooled_grad_taps)(const float *input, int batch, int height, int width, int channels, int kh, int kw,
                         const float *dy, const unsigned char *codes, int filters, float *dw, float *db, const int T) {
    const int oh = height - kh + 1, ow = width - kw + 1, ph = oh / 2, pw = ow / 2;
    const int taps = kh * kw * channels;
    long offStack[256];
    long *off = K(tap_offsets)(kh, kw, channels, width, offStack);
    for (int fb = 0; fb < filters; fb += 2 * VW) {
        vf b0 = BC(0), b1 = BC(0);
        for (int t0 = 0; t0 < taps; t0 += T) {
            const int rows = taps - t0 < T ? taps - t0 : T;
            const long *o = off + t0;
            vf acc[TAPS][2];
            for (int r = 0; r < T; r++) { acc[r][0] = BC(0); acc[r][1] = BC(0); }
            for (int n = 0; n < batch; n++) {
                const float *img = input + (long)n * height * width * channels;
                for (int oy = 0; oy < 2 * ph; oy++) {
                    const long prow = ((long)n * ph + oy / 2) * pw;
                    for (int ox = 0; ox < 2 * pw; ox++) {
                        const long p = (prow + ox / 2) * filters + fb;
                        vf g0, g1;
                        POOLED_GRAD(g0, g1, dy + p, codes + p, (oy & 1) * 2 + (ox & 1));
                        const float *x = img + ((long)oy * width + ox) * channels;
                        if (rows == T) {
                            for (int r = 0; r < T; r++) {
                                const vf a = BC(x[o[r]]);
                                acc[r][0] = VFMA(a, g0, acc[r][0]);
                                acc[r][1] = VFMA(a, g1, acc[r][1]);
                            }
                        } else {
                            for (int r = 0; r < rows; r++) {
                                const vf a = BC(x[o[r]]);
                                acc[r][0] = VFMA(a, g0, acc[r][0]);
                                acc[r][1] = VFMA(a, g1, acc[r][1]);
                            }
                        }
                        if (t0 == 0) { b0 = b0 + g0; b1 = b1 + g1; }
                    }
                }
            }
            for (int r = 0; r < rows; r++) {
                ST(dw + (long)(t0 + r) * filters + fb, acc[r][0]);
                ST(dw + (long)(t0 + r) * filters + fb + VW, acc[r][1]);
            }
        }
        ST(db + fb, b0);
        ST(db + fb + VW, b1);
    }
    if (off != offStack) __builtin_free(off);
}

/* See K(pooled_grad_taps): a first layer's few taps (at most TAPS) in one pass; more in
   blocks of WG_TAPS, which fill the registers without spilling (9 × 2 zmm accumulators ran
   an 8-channel 3×3 kernel at half speed). The same chains, in the same order. */
static inline __attribute__((always_inline))
void K(pooled_grad_body)(const float *input, int batch, int height, int width, int channels, int kh, int kw,
                         const float *dy, const unsigned char *codes, int filters, float *dw, float *db) {
    const int taps = kh * kw * channels;
#if PG_ONE_VECTOR
    if (taps <= PG_TAPS) {
        K(pooled_grad_narrow)(input, batch, height, width, channels, kh, kw, dy, codes, filters, dw, db);
        return;
    }
#endif
    if (taps <= TAPS) K(pooled_grad_taps)(input, batch, height, width, channels, kh, kw, dy, codes, filters, dw, db, TAPS);
    else K(pooled_grad_taps)(input, batch, height, width, channels, kh, kw, dy, codes, filters, dw, db, WG_TAPS);
}

/* The kernel gradient of an unpooled convolution (stride 1, valid), read straight from the
   input: dw [kh, kw, channels, filters] = Σ over images, conv-output rows, then columns of
   the input patch times dy [batch, oh, ow, filters]. filters must be a multiple of 2·VW.
   Blocked for the caches: per group of images (at least WG_PIXELS output pixels), each tile of
   TAPS taps × 2 vectors of filters runs over all their pixels in registers, continuing the
   chains in dw — the same chains, in the same order, as one pass. */
#define WG_PIXELS 128
static inline __attribute__((always_inline))
void K(weight_grad_body)(const float *input, int batch, int height, int width, int channels, int kh, int kw,
                         int sy, int sx, const float *dy, int filters, float *dw) {
    const int oh = (height - kh) / sy + 1, ow = (width - kw) / sx + 1;
    const int k = kh * kw * channels;
    long offStack[256];
    long *off = K(tap_offsets)(kh, kw, channels, width, offStack);
    memset(dw, 0, sizeof(float) * (unsigned long)k * (unsigned long)filters);
    const int group = oh * ow >= WG_PIXELS ? 1 : (WG_PIXELS + oh * ow - 1) / (oh * ow);
    const long imageSize = (long)height * width * channels;
    for (int n0 = 0; n0 < batch; n0 += group) {
        const int n1 = batch - n0 < group ? batch : n0 + group;
        for (int t0 = 0; t0 < k; t0 += WG_TAPS) {
            const int rows = k - t0 < WG_TAPS ? k - t0 : WG_TAPS;
            const long *o = off + t0;
            for (int f = 0; f < filters; f += 2 * VW) {
                vf acc[WG_TAPS][2];
                for (int r = 0; r < WG_TAPS; r++) {
                    acc[r][0] = r < rows ? LD(dw + (long)(t0 + r) * filters + f) : BC(0);
                    acc[r][1] = r < rows ? LD(dw + (long)(t0 + r) * filters + f + VW) : BC(0);
                }
                for (int n = n0; n < n1; n++) {
                    const float *img = input + (long)n * imageSize;
                    for (int oy = 0; oy < oh; oy++) {
                        const float *rowIn = img + (long)oy * sy * width * channels;
                        const float *rowDy = dy + (((long)n * oh + oy) * ow) * filters + f;
                        for (int ox = 0; ox < ow; ox++) {
                            const float *x = rowIn + (long)ox * sx * channels;
                            const vf b0 = LD(rowDy + (long)ox * filters), b1 = LD(rowDy + (long)ox * filters + VW);
                            if (rows == WG_TAPS) {
                                for (int r = 0; r < WG_TAPS; r++) {
                                    const vf a = BC(x[o[r]]);
                                    acc[r][0] = VFMA(a, b0, acc[r][0]);
                                    acc[r][1] = VFMA(a, b1, acc[r][1]);
                                }
                            } else {
                                for (int r = 0; r < rows; r++) {
                                    const vf a = BC(x[o[r]]);
                                    acc[r][0] = VFMA(a, b0, acc[r][0]);
                                    acc[r][1] = VFMA(a, b1, acc[r][1]);
                                }
                            }
                        }
                    }
                }
                for (int r = 0; r < rows; r++) {
                    ST(dw + (long)(t0 + r) * filters + f, acc[r][0]);
                    ST(dw + (long)(t0 + r) * filters + f + VW, acc[r][1]);
                }
            }
        }
    }
    if (off != offStack) __builtin_free(off);
}

/* The input gradient of a stride-1 convolution, gathered: dx [batch, height, width, channels]
   from dy, zero-padded by kw − 1 columns on each side (dyp [batch, oh, ow + 2(kw − 1),
   filters]), and the kernel transposed to wt [kh, kw, filters, channels]. It is the sum
   im2col's adjoint (col2im) forms, in its order: each input pixel starts at +0 and adds, for
   every output pixel whose window covers it in ascending (oy, ox) order — so ky and kx
   descending — the chain Σ over filters in order of dy · w (one fused multiply-add each,
   from +0: the GEMM dy · kernelᵀ's element). Columns outside the output are computed on
   the padding's zeros and never added. A tile is CONV_P pixels of one row × 2 vectors of
   channels; channels must be a multiple of 2·VW. */
static inline __attribute__((always_inline))
void K(input_grad_tile)(const float *dyp, int n, int oh, int ow, int filters, const float *wt, int kh, int kw,
                        int channels, int cb, int y, int x0, int padTop, int padLeft, float *dst, const int P) {
    const int owp = ow + 2 * (kw - 1);
    for (int p = 0; p < P; p++) { ST(dst + (long)p * channels + cb, BC(0)); ST(dst + (long)p * channels + cb + VW, BC(0)); }
    for (int ky = kh - 1; ky >= 0; ky--) {
        const int oy = y + padTop - ky;
        if (oy < 0 || oy >= oh) continue;
        const float *row = dyp + ((long)n * oh + oy) * owp * filters;
        for (int kx = kw - 1; kx >= 0; kx--) {
            const int ox0 = x0 + padLeft - kx;
            const float *d = row + (long)(ox0 + kw - 1) * filters;
            const float *wk = wt + (long)(ky * kw + kx) * filters * channels + cb;
            vf t[8][2];
            for (int p = 0; p < P; p++) { t[p][0] = BC(0); t[p][1] = BC(0); }
            for (int f = 0; f < filters; f++) {
                const vf w0 = LD(wk + (long)f * channels), w1 = LD(wk + (long)f * channels + VW);
                for (int p = 0; p < P; p++) {
                    const vf a = BC(d[(long)p * filters + f]);
                    t[p][0] = VFMA(a, w0, t[p][0]);
                    t[p][1] = VFMA(a, w1, t[p][1]);
                }
            }
            for (int p = 0; p < P; p++) {
                if (ox0 + p < 0 || ox0 + p >= ow) continue;
                float *o = dst + (long)p * channels + cb;
                ST(o, LD(o) + t[p][0]);
                ST(o + VW, LD(o + VW) + t[p][1]);
            }
        }
    }
}

static inline __attribute__((always_inline))
void K(input_grad_body)(const float *dyp, int batch, int oh, int ow, int filters, const float *wt, int kh, int kw,
                        int channels, int height, int width, int padTop, int padLeft, float *dx) {
    for (int n = 0; n < batch; n++)
        for (int y = 0; y < height; y++) {
            float *rowOut = dx + ((long)n * height + y) * width * channels;
            for (int x = 0; x < width;) {
                const int P = K(tile_width)(width - x, CONV_P);
                for (int cb = 0; cb < channels; cb += 2 * VW) {
#define IG_TILE(P) K(input_grad_tile)(dyp, n, oh, ow, filters, wt, kh, kw, channels, cb, y, x, padTop, padLeft, \
                                      rowOut + (long)x * channels, P)
                    TILE_SIZES(P, IG_TILE)
#undef IG_TILE
                }
                x += P;
            }
        }
}

/* NARROW pixels × up to 6 filters of a one-channel convolution with fewer filters than a
   vector block (LeNet-5's first: 6), output pixels in the vector lanes (NARROW = VW or 2·VW
   of them, or fewer through `lanes`, computed one lane at a time); acc[f][v] holds filter
   f0 + f of pixels x + v·VW …. Each output is the chain over (ky, kx) in order from +0 —
   im2col's — so the bits are those of im2col + GEMM and of the widened direct kernel. */
static inline __attribute__((always_inline))
void K(narrow_tile)(const float *img, int width, const float *kernel, int kh, int kw, int filters, int f0, int nf,
                    int y, int x, const float *bias, int relu, float *out, const int V, int lanes) {
    vf acc[6][2];
    for (int f = 0; f < 6; f++) { acc[f][0] = BC(0); acc[f][1] = BC(0); }
    if (lanes == V * VW) {
        for (int ky = 0; ky < kh; ky++)
            for (int kx = 0; kx < kw; kx++) {
                const float *src = img + (long)(y + ky) * width + x + kx, *w = kernel + (ky * kw + kx) * filters + f0;
                vf a[2];
                for (int v = 0; v < V; v++) a[v] = LD(src + v * VW);
                for (int f = 0; f < nf; f++) {
                    const vf wf = BC(w[f]);
                    for (int v = 0; v < V; v++) acc[f][v] = VFMA(a[v], wf, acc[f][v]);
                }
            }
    } else {                    /* the row's last pixels: the same chains, one lane at a time */
        for (int f = 0; f < nf; f++) {
            float s[VW];
            for (int l = 0; l < lanes; l++) {
                float t = 0;
                for (int ky = 0; ky < kh; ky++)
                    for (int kx = 0; kx < kw; kx++)
                        t = SFMA(img[(long)(y + ky) * width + x + l + kx], kernel[(ky * kw + kx) * filters + f0 + f], t);
                s[l] = t;
            }
            for (int l = lanes; l < VW; l++) s[l] = 0;
            acc[f][0] = LD(s);
        }
    }
    for (int f = 0; f < nf; f++) {
        for (int v = 0; v < V; v++) {
            const vf b = acc[f][v] + BC(bias[f0 + f]);         /* as K(store): plus bias, then ReLU */
            float s[VW];
            ST(s, relu ? __builtin_elementwise_max(b, BC(0)) : b);
            const int n = lanes - v * VW < VW ? lanes - v * VW : VW;
            for (int l = 0; l < n; l++) out[(long)(x + v * VW + l) * filters + f0 + f] = s[l];
        }
    }
}

static inline void K(narrow_body)(const float *input, int batch, int height, int width, const float *kernel, int kh,
                                  int kw, int filters, const float *bias, int relu, float *output) {
    const int oh = height - kh + 1, ow = width - kw + 1;
    for (int n = 0; n < batch; n++) {
        const float *img = input + (long)n * height * width;
        for (int y = 0; y < oh; y++) {
            float *out = output + ((long)n * oh + y) * ow * filters;
            for (int f0 = 0; f0 < filters; f0 += 6) {
                const int nf = filters - f0 < 6 ? filters - f0 : 6;
                int x = 0;
                for (; x + 2 * VW <= ow; x += 2 * VW)
                    K(narrow_tile)(img, width, kernel, kh, kw, filters, f0, nf, y, x, bias, relu, out, 2, 2 * VW);
                for (; x + VW <= ow; x += VW)
                    K(narrow_tile)(img, width, kernel, kh, kw, filters, f0, nf, y, x, bias, relu, out, 1, VW);
                if (x < ow) K(narrow_tile)(img, width, kernel, kh, kw, filters, f0, nf, y, x, bias, relu, out, 1, ow - x);
            }
        }
    }
}
