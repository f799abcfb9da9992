import Dispatch
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

extension BLAS {
    /// What `sgemm` achieves on this machine with the current thread count, in GFLOP/s: the best of `repetitions`
    /// products of two `side × side` matrices. The ceiling that layers built on it are measured against.
    public static func multiplyRate(side: Int = 1024, repetitions: Int = 5) -> Double {
        let a = [Float](repeating: 0.5, count: side * side), b = [Float](repeating: 0.25, count: side * side)
        var c = [Float](repeating: 0, count: side * side)
        var best = Double.infinity
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        gemm(m: side, n: side, k: side, a: a.baseAddress!, lda: side, b: b.baseAddress!, ldb: side,
                             c: c.baseAddress!, ldc: side)
                    }
                }
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return 2 * Double(side * side * side) / best / 1e9
    }
}
