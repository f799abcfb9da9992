/// A 2×2 matrix of doubles, row-major: the covariance and transition matrices of a one-coordinate
/// constant-velocity filter.
struct Matrix2: Sendable, Equatable {
    var a11: Double
    var a12: Double
    var a21: Double
    var a22: Double

    static func diagonal(_ first: Double, _ second: Double) -> Matrix2 {
        Matrix2(a11: first, a12: 0, a21: 0, a22: second)
    }

    var transposed: Matrix2 { Matrix2(a11: a11, a12: a21, a21: a12, a22: a22) }

    static func + (lhs: Matrix2, rhs: Matrix2) -> Matrix2 {
        Matrix2(a11: lhs.a11 + rhs.a11, a12: lhs.a12 + rhs.a12, a21: lhs.a21 + rhs.a21, a22: lhs.a22 + rhs.a22)
    }

    static func * (lhs: Matrix2, rhs: Matrix2) -> Matrix2 {
        Matrix2(
            a11: lhs.a11 * rhs.a11 + lhs.a12 * rhs.a21, a12: lhs.a11 * rhs.a12 + lhs.a12 * rhs.a22,
            a21: lhs.a21 * rhs.a11 + lhs.a22 * rhs.a21, a22: lhs.a21 * rhs.a12 + lhs.a22 * rhs.a22)
    }

    static func * (lhs: Matrix2, rhs: Vector2) -> Vector2 {
        Vector2(lhs.a11 * rhs.first + lhs.a12 * rhs.second, lhs.a21 * rhs.first + lhs.a22 * rhs.second)
    }

    static func * (scale: Double, matrix: Matrix2) -> Matrix2 {
        Matrix2(a11: scale * matrix.a11, a12: scale * matrix.a12, a21: scale * matrix.a21, a22: scale * matrix.a22)
    }

    /// The outer product `u vᵀ`.
    static func outer(_ u: Vector2, _ v: Vector2) -> Matrix2 {
        Matrix2(a11: u.first * v.first, a12: u.first * v.second, a21: u.second * v.first, a22: u.second * v.second)
    }
}

/// A column of two doubles: a coordinate and its velocity, or a Kalman gain.
struct Vector2: Sendable, Equatable {
    var first: Double
    var second: Double

    init(_ first: Double, _ second: Double) {
        self.first = first
        self.second = second
    }

    static func + (lhs: Vector2, rhs: Vector2) -> Vector2 { Vector2(lhs.first + rhs.first, lhs.second + rhs.second) }

    static func * (scale: Double, vector: Vector2) -> Vector2 { Vector2(scale * vector.first, scale * vector.second) }
}
