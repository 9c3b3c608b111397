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

/* Forward pass, see lepton_conv2d_direct; `codes` (pooled only, may be NULL) receives one
   byte per pooled output: the window position of the maximum or 255 (ReLU zeroed it).
   filters must be a multiple of 2·VW. */
static inline __attribute__((always_inline))
void K(forward_body)(const float *input, int batch, int height, int width, int channels, const float *kernel,
                     int kh, int kw, int filters, const float *bias, int relu, int pool, float *output,
                     unsigned char *codes) {
    const int oh = height - kh + 1, ow = width - kw + 1;
    const long imageSize = (long)height * width * channels;
    for (int n = 0; n < batch; n++) {
        const float *img = input + n * imageSize;
        if (pool) {
            const int ph = oh / 2, pw = ow / 2;
            float *out = output + (long)n * ph * pw * filters;
            unsigned char *cd = codes ? codes + (long)n * ph * pw * filters : 0;
            for (int py = 0; py < ph; py++) {
                for (int px = 0; px < pw; px += 2) {
                    const int pair = px + 1 < pw;
                    long off[8];
                    for (int j = 0; j <= pair; j++) {
                        const long o = ((long)(2 * py) * width + 2 * (px + j)) * channels;
                        off[4 * j] = o; off[4 * j + 1] = o + channels;
                        off[4 * j + 2] = o + (long)width * channels; off[4 * j + 3] = o + (long)(width + 1) * channels;
                    }
                    const long at = ((long)py * pw + px) * filters;
                    for (int fb = 0; fb < filters; fb += 2 * VW) {
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
            }
        } else {
            float *out = output + (long)n * oh * ow * filters;
            if (ow < 4) {       /* too narrow for 4-pixel tiles: one pixel at a time */
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        const long off[1] = {((long)y * width + x) * channels};
                        float *dst = out + ((long)y * ow + x) * filters;
                        for (int fb = 0; fb < filters; fb += 2 * VW) {
                            vf acc[1][2];
                            K(tile)(img, off, 1, width, channels, kernel + fb, kh, kw, filters, acc);
                            K(store)(acc, 1, bias + fb, relu, dst + fb, filters);
                        }
                    }
                }
                continue;
            }
            for (int y = 0; y < oh; y++) {
                for (int x0 = 0; x0 < ow; x0 += 4) {
                    const int x = x0 + 4 <= ow ? x0 : ow - 4;   /* the last block overlaps the one before */
                    const long o = ((long)y * width + x) * channels;
                    const long off[4] = {o, o + channels, o + 2L * channels, o + 3L * channels};
                    float *dst = out + ((long)y * ow + x) * filters;
                    for (int fb = 0; fb < filters; fb += 2 * VW) {
                        vf acc[4][2];
                        K(tile)(img, off, 4, width, channels, kernel + fb, kh, kw, filters, acc);
                        K(store)(acc, 4, bias + fb, relu, dst + fb, filters);
                    }
                }
            }
        }
    }
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

/* dW and db of a convolution fused with ReLU and a 2×2 max-pool, from the pooled gradient
   and the forward pass's codes; each element sums over images, conv-output rows, then
   columns (conv outputs outside every window and the non-maximal ones contribute 0).
   Taps are kept in registers TAPS at a time. */
static inline __attribute__((always_inline))
void K(pooled_grad_body)(const float *input, int batch, int height, int width, int channels, int kh, int kw,
                         const float *dy, const unsigned char *codes, int filters, float *dw, float *db) {
    const int oh = height - kh + 1, ow = width - kw + 1, ph = oh / 2, pw = ow / 2;
    const int taps = kh * kw * channels;
    long offStack[256];
    long *off = taps <= 256 ? offStack : __builtin_malloc(sizeof(long) * (unsigned long)taps);
    for (int ky = 0, t = 0; ky < kh; ky++)
        for (int kx = 0; kx < kw; kx++)
            for (int c = 0; c < channels; c++, t++) off[t] = ((long)ky * width + kx) * channels + c;
    for (int fb = 0; fb < filters; fb += 2 * VW) {
        vf b0 = BC(0), b1 = BC(0);
        for (int t0 = 0; t0 < taps; t0 += TAPS) {
            const int rows = taps - t0 < TAPS ? taps - t0 : TAPS;
            const long *o = off + t0;
            vf acc[TAPS][2];
            for (int r = 0; r < TAPS; r++) { acc[r][0] = BC(0); acc[r][1] = BC(0); }
            for (int n = 0; n < batch; n++) {
                const float *img = input + (long)n * height * width * channels;
                for (int oy = 0; oy < 2 * ph; oy++) {
                    const long prow = ((long)n * ph + oy / 2) * pw;
                    for (int ox = 0; ox < 2 * pw; ox++) {
                        const long p = (prow + ox / 2) * filters + fb;
                        vf g0, g1;
                        POOLED_GRAD(g0, g1, dy + p, codes + p, (oy & 1) * 2 + (ox & 1));
                        const float *x = img + ((long)oy * width + ox) * channels;
                        if (rows == TAPS) {
                            for (int r = 0; r < TAPS; r++) {
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

/* The kernel gradient of an unpooled convolution (stride 1, valid), read straight from the
   input: dw [kh, kw, channels, filters] = Σ over images, conv-output rows, then columns of
   the input patch times dy [batch, oh, ow, filters]. filters must be a multiple of 2·VW. */
static inline __attribute__((always_inline))
void K(weight_grad_body)(const float *input, int batch, int height, int width, int channels, int kh, int kw,
                         const float *dy, int filters, float *dw) {
    const int oh = height - kh + 1, ow = width - kw + 1;
    const int k = kh * kw * channels;
    long offStack[256];
    long *off = k <= 256 ? offStack : __builtin_malloc(sizeof(long) * (unsigned long)k);
    for (int ky = 0, t = 0; ky < kh; ky++)
        for (int kx = 0; kx < kw; kx++)
            for (int c = 0; c < channels; c++, t++) off[t] = ((long)ky * width + kx) * channels + c;
    memset(dw, 0, sizeof(float) * (unsigned long)k * (unsigned long)filters);
    for (int n = 0; n < batch; n++) {
        const float *img = input + (long)n * height * width * channels;
        for (int oy = 0; oy < oh; oy++) {
            const float *rowIn = img + (long)oy * width * channels;
            const float *rowDy = dy + (((long)n * oh + oy) * ow) * filters;
            for (int t0 = 0; t0 < k; t0 += TAPS) {
                const int rows = k - t0 < TAPS ? k - t0 : TAPS;
                const long *o = off + t0;
                for (int f = 0; f < filters; f += 2 * VW) {
                    vf acc[TAPS][2];
                    for (int r = 0; r < TAPS; r++) {
                        acc[r][0] = r < rows ? LD(dw + (long)(t0 + r) * filters + f) : BC(0);
                        acc[r][1] = r < rows ? LD(dw + (long)(t0 + r) * filters + f + VW) : BC(0);
                    }
                    for (int ox = 0; ox < ow; ox++) {
                        const float *x = rowIn + (long)ox * channels;
                        const float *g = rowDy + (long)ox * filters + f;
                        const vf b0 = LD(g), b1 = LD(g + VW);
                        if (rows == TAPS) {
                            for (int r = 0; r < TAPS; r++) {
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
                    for (int r = 0; r < rows; r++) {
                        ST(dw + (long)(t0 + r) * filters + f, acc[r][0]);
                        ST(dw + (long)(t0 + r) * filters + f + VW, acc[r][1]);
                    }
                }
            }
        }
    }
    if (off != offStack) __builtin_free(off);
}
