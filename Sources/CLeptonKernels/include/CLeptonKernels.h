#ifndef LEPTON_KERNELS_H
#define LEPTON_KERNELS_H

/* Lepton's own inference kernels in C, compiled once per x86 instruction-set level
   (x86-64-v4 = AVX-512, v3 = AVX2 + FMA, baseline) and chosen at load time by the CPU
   (target_clones / ifunc), so one binary runs everywhere at the speed the CPU allows. */

/* Direct 2-D convolution, stride 1, no padding ("valid"), NHWC input [batch, height,
   width, channels], HWIO kernel [kh, kw, channels, filters], plus bias, then ReLU when
   relu != 0. With pool != 0 a 2×2 max-pool of stride 2 (valid) follows in the same pass
   and output is [batch, (height-kh+1)/2, (width-kw+1)/2, filters]; otherwise output is
   [batch, height-kh+1, width-kw+1, filters]. filters must be a multiple of 16 and the
   convolution output at least 4 pixels wide. Every output depends only on its own
   image, in a fixed order of additions. */
void lepton_conv2d_direct(const float *input, int batch, int height, int width, int channels,
                          const float *kernel, int kh, int kw, int filters, const float *bias,
                          int relu, int pool, float *output);

/* The kernel gradient of the same convolution (stride 1, valid): dw [kh, kw, channels,
   filters] = Σ over every output pixel of the input patch times dy [batch, oh, ow, filters],
   read straight from the input. filters must be a multiple of 16. Fixed order of additions. */
void lepton_conv2d_weight_grad(const float *input, int batch, int height, int width, int channels,
                               int kh, int kw, const float *dy, int filters, float *dw);

#endif
