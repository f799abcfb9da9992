import CBLAS

/// The engine's single entry to OpenBLAS.
public enum BLAS {
    /// Limits OpenBLAS's own thread pool. facewatch parallelises across frames and faces itself, so it runs
    /// OpenBLAS single-threaded.
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(count))
    }

    /// C[m×n] = alpha · op(A) · op(B) + beta · C, all row-major, with leading dimensions given explicitly.
    @inlinable
    static func gemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
