/* Vector types and memory helpers for one kernel build, included once per translation unit
   after VW (floats per vector) is defined. Every build's arithmetic is written with the
   includer's VFMA (vector) and SFMA (scalar) macros: an explicit fused multiply-add in the
   builds for CPUs with FMA, a rounded multiply then add in the baseline x86-64 build.
   Nothing else is ever contracted (`fp contract(off)` in each build file), so the order and
   the rounding of every operation is the one written here, whatever the compiler. */
#include <string.h>

typedef float vf __attribute__((vector_size(VW * 4)));
typedef int vi __attribute__((vector_size(VW * 4)));
typedef unsigned char vb __attribute__((vector_size(VW)));

/* Macros, not functions: a vector passed by value between functions compiled for different
   instruction sets would change the calling convention. */
#define LD(p) ({ vf v_; memcpy(&v_, (p), sizeof v_); v_; })
#define ST(p, v) do { vf t_ = (v); memcpy((p), &t_, sizeof t_); } while (0)
#define LDB(p) ({ vb v_; memcpy(&v_, (p), sizeof v_); v_; })
#define STB(p, v) do { vb t_ = (v); memcpy((p), &t_, sizeof t_); } while (0)
#define BC(x) (-(vf){} + (float)(x))          /* a splat: adding -0 changes no value */
#define SEL(m, a, b) ((vf)(((vi)(a) & (m)) | ((vi)(b) & ~(m))))   /* m ? a : b, m all-ones or zero */

/* TILE(n) for a tile of P = n ≤ 8 pixels (or rows), n a constant in each case, so that the
   tile's accumulators stay in registers. */
#define TILE_SIZES(P, TILE)                                                                          \
    switch (P) {                                                                                     \
    case 1: TILE(1); break;                                                                          \
    case 2: TILE(2); break;                                                                          \
    case 3: TILE(3); break;                                                                          \
    case 4: TILE(4); break;                                                                          \
    case 5: TILE(5); break;                                                                          \
    case 6: TILE(6); break;                                                                          \
    case 7: TILE(7); break;                                                                          \
    default: TILE(8); break;                                                                         \
    }
