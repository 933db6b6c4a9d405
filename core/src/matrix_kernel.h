/*
 * matrix_kernel.h: the matrix product for one vector width, a template.
 * matrix_product.c includes it once per width, having defined
 *
 *   KERNEL(name)   this width's name for each definition (name##_avx512, ...)
 *   KERNEL_TARGET  the attributes of the entry point (target, target_clones)
 *   VW             doubles per vector: 8, 4, 2, or 1 for plain doubles
 *   MR, NV         a tile of the result is MR rows by NV vectors
 *   KERNEL_PACKED  (optional, 1) the driver that packs both operands
 *
 * and defines KERNEL(product), whose contract is in matrix_product.c. The
 * width only decides how many entries of the result are summed side by side
 * (one lane each); the order of each entry's own sum is the same for every
 * width.
 */

#if VW > 1
/* GCC/clang vector extensions: vd in registers; vdu for loads and stores at
 * any address that may alias doubles (as _mm256_loadu_pd's own type). */
typedef double KERNEL(vd) __attribute__((vector_size(VW * sizeof(double))));
typedef double KERNEL(vdu) __attribute__((vector_size(VW * sizeof(double)), aligned(sizeof(double)), may_alias));
#else
typedef double KERNEL(vd);
typedef double KERNEL(vdu);
#endif
#if VW == 8
#define KERNEL_SPLAT(s) ((KERNEL(vd)){(s), (s), (s), (s), (s), (s), (s), (s)})
#elif VW == 4
#define KERNEL_SPLAT(s) ((KERNEL(vd)){(s), (s), (s), (s)})
#elif VW == 2
#define KERNEL_SPLAT(s) ((KERNEL(vd)){(s), (s)})
#else
#define KERNEL_SPLAT(s) (s)
#endif

/* C[r][c] = init[r][c] + the sum over p < np of a[r][p·csa] · B[p][c], in
 * the order of p, for an MR × NV·VW tile held in registers. a[r] points at
 * row r of A; B's rows are ldb apart, init's ldi apart (0: one row for all).
 * init may be C itself: every load happens before the first store. */
static ALWAYS_INLINE void
KERNEL(tile)(double *cm, size_t ldc, const double *init, size_t ldi, const double *const a[MR],
             size_t csa, const double *restrict bm, size_t ldb, size_t np)
{
    KERNEL(vd) c[MR][NV];
    const double *ap[MR];
    for (int r = 0; r < MR; r++) {
        ap[r] = a[r];
        for (int v = 0; v < NV; v++) c[r][v] = *(const KERNEL(vdu) *)(init + r * ldi + v * VW);
    }
    /* Pointers stepped, not indices multiplied: the WebAssembly backend
     * would multiply on every step. */
    for (size_t p = 0; p < np; p++) {
        KERNEL(vd) bv[NV];
        for (int v = 0; v < NV; v++) bv[v] = *(const KERNEL(vdu) *)(bm + v * VW);
        bm += ldb;
        for (int r = 0; r < MR; r++) {
            const KERNEL(vd) ar = KERNEL_SPLAT(*ap[r]);
            ap[r] += csa;
            for (int v = 0; v < NV; v++) {
                const KERNEL(vd) product = ar * bv[v];   /* rounded here, never fused */
                c[r][v] = c[r][v] + product;
            }
        }
    }
    for (int r = 0; r < MR; r++)
        for (int v = 0; v < NV; v++) *(KERNEL(vdu) *)(cm + r * ldc + v * VW) = c[r][v];
}

#ifdef KERNEL_PACKED
/*
 * The driver for WebAssembly: both operands packed, A a tile of MR rows at a
 * time with its rows side by side (ap[p·MR + r]), B a block of slivers NR
 * wide (bp[p·NR + c]), so that each step of the tile reads two contiguous
 * panels through two pointers. V8 has no addressing mode for the other
 * driver's row pointers and steps each of them with an instruction of its
 * own, and the rows of w or xᵀ far apart cost it more again: at the book's
 * sizes this one is 15-20% faster (and AVX-512's 5% slower natively, where the
 * packing is not paid back). The order of each entry's sum is the same.
 */
/* As KERNEL(tile), from the panels. */
static ALWAYS_INLINE void
KERNEL(tile_packed)(double *cm, size_t ldc, const double *init, size_t ldi, const double *restrict ap,
                    const double *restrict bp, size_t np)
{
    KERNEL(vd) c[MR][NV];
    for (int r = 0; r < MR; r++)
        for (int v = 0; v < NV; v++) c[r][v] = *(const KERNEL(vdu) *)(init + r * ldi + v * VW);
    for (const double *end = bp + np * NV * VW; bp != end; bp += NV * VW, ap += MR) {
        KERNEL(vd) bv[NV];
        for (int v = 0; v < NV; v++) bv[v] = *(const KERNEL(vd) *)(bp + v * VW);
        for (int r = 0; r < MR; r++) {
            const KERNEL(vd) ar = KERNEL_SPLAT(ap[r]);
            for (int v = 0; v < NV; v++) {
                const KERNEL(vd) product = ar * bv[v];   /* rounded here, never fused */
                c[r][v] = c[r][v] + product;
            }
        }
    }
    for (int r = 0; r < MR; r++)
        for (int v = 0; v < NV; v++) *(KERNEL(vdu) *)(cm + r * ldc + v * VW) = c[r][v];
}

#endif

KERNEL_TARGET
static void KERNEL(product)(double *restrict cm, size_t ldc, size_t rows, size_t cols, size_t np,
                            const double *restrict a, size_t rsa, size_t csa,
                            const double *restrict b, size_t rsb, size_t csb,
                            const double *restrict bias)
{
    enum { NR = NV * VW };
#ifdef KERNEL_PACKED
    /* WebAssembly: both operands packed (above). */
    _Alignas(64) double apanel[KC * MR];
    _Alignas(64) double bpanel[BC];
    _Alignas(64) double edge[MR * NR];
    const size_t slivers = (cols + NR - 1) / NR;
    /* Chunks of p short enough for all of B's columns to fit the panel, but
     * KMIN steps at least (then B goes in blocks of slivers) and KC at most;
     * all of one length, give or take one. */
    size_t kmax = BC / (slivers ? slivers * NR : 1);
    kmax = kmax < KMIN ? KMIN : kmax > KC ? KC : kmax;
    const size_t chunks = np ? (np + kmax - 1) / kmax : 1;
    const size_t kstep = np ? (np + chunks - 1) / chunks : 1;
    /* At least one pass, so that np = 0 still writes init. */
    for (size_t p0 = 0; p0 == 0 || p0 < np; p0 += kstep) {
        const size_t kc = np - p0 < kstep ? np - p0 : kstep;
        const size_t ldi = p0 ? ldc : 0;   /* init's row stride */
        const size_t per_block = kc ? BC / (kc * NR) : slivers;
        for (size_t s0 = 0; s0 < slivers; s0 += per_block) {
            const size_t s1 = slivers - s0 < per_block ? slivers : s0 + per_block;
            for (size_t s = s0; s < s1; s++) {
                const size_t j0 = s * NR, nc = cols - j0 < NR ? cols - j0 : NR;
                pack(bpanel + (s - s0) * kc * NR, NR, b, rsb, csb, p0, kc, j0, nc);
            }
            for (size_t i0 = 0; i0 < rows; i0 += MR) {
                const size_t mr = rows - i0 < MR ? rows - i0 : MR;
                pack(apanel, MR, a, csa, rsa, p0, kc, i0, mr);   /* Aᵀ's columns i0.. */
                for (size_t s = s0; s < s1; s++) {
                    const size_t j0 = s * NR, nc = cols - j0 < NR ? cols - j0 : NR;
                    const double *bp = bpanel + (s - s0) * kc * NR;
                    double *out = cm + i0 * ldc + j0;
                    /* Where this chunk's sums start: the bias (or 0), or C so far. */
                    const double *in = p0 ? out : bias ? bias + j0 : zero_row;
                    const int whole = mr == MR && nc == NR;
                    if (!whole) {   /* the last rows or columns: through a whole tile on the stack */
                        memset(edge, 0, sizeof edge);
                        for (size_t r = 0; r < mr; r++) memcpy(edge + r * NR, in + r * ldi, nc * sizeof *edge);
                    }
                    KERNEL(tile_packed)(whole ? out : edge, whole ? ldc : NR, whole ? in : edge, whole ? ldi : NR,
                                        apanel, bp, kc);
                    if (!whole)
                        for (size_t r = 0; r < mr; r++) memcpy(out + r * ldc, edge + r * NR, nc * sizeof *edge);
                }
            }
        }
    }
#else
    /* Native code: B in place where it can be, A by its rows. */
    _Alignas(64) double panel[KC * NR];
    _Alignas(64) double edge[MR * NR];
    for (size_t j0 = 0; j0 < cols; j0 += NR) {
        const size_t nc = cols - j0 < NR ? cols - j0 : NR;
        /* At least one pass, so that np = 0 still writes init. */
        for (size_t p0 = 0; p0 == 0 || p0 < np; p0 += KC) {
            const size_t kc = np - p0 < KC ? np - p0 : KC;
            /* B in place where a row of the tile is contiguous there (w and
             * dout); packed otherwise (wᵀ, and the last, narrower columns). */
            const double *bm = panel;
            size_t ldb = NR;
            if (csb == 1 && nc == NR) {
                bm = b + p0 * rsb + j0;
                ldb = rsb;
            } else {
                pack(panel, NR, b, rsb, csb, p0, kc, j0, nc);
            }
            /* Where this chunk's sums start: the bias (or 0), or C so far. */
            const double *init = p0 ? cm + j0 : bias ? bias + j0 : zero_row;
            const size_t ldi = p0 ? ldc : 0;
            for (size_t i0 = 0; i0 < rows; i0 += MR) {
                const size_t mr = rows - i0 < MR ? rows - i0 : MR;
                const double *arow[MR];
                for (size_t r = 0; r < MR; r++)   /* past the last row: the first again */
                    arow[r] = a + (i0 + (r < mr ? r : 0)) * rsa + p0 * csa;
                if (mr == MR && nc == NR) {
                    KERNEL(tile)(cm + i0 * ldc + j0, ldc, init + i0 * ldi, ldi, arow, csa, bm, ldb, kc);
                    continue;
                }
                /* The last rows or columns: through a whole tile on the stack. */
                memset(edge, 0, sizeof edge);
                for (size_t r = 0; r < mr; r++)
                    memcpy(edge + r * NR, init + (i0 + r) * ldi, nc * sizeof *edge);
                KERNEL(tile)(edge, NR, edge, NR, arow, csa, bm, ldb, kc);
                for (size_t r = 0; r < mr; r++)
                    memcpy(cm + (i0 + r) * ldc + j0, edge + r * NR, nc * sizeof *edge);
            }
        }
    }
#endif
}

#undef KERNEL_SPLAT
