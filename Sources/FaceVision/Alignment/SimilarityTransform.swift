import Foundation

/// A rotation, a uniform scale and a translation of the plane (no reflection, no shear):
/// `x' = a·x − b·y + tx`, `y' = b·x + a·y + ty`, i.e. scale `√(a² + b²)` and angle `atan2(b, a)`.
///
/// Maps face landmarks onto an alignment template and back; fitted by least squares from point pairs.
public struct SimilarityTransform: Sendable, Equatable, Hashable {
    public var a: Double
    public var b: Double
    public var tx: Double
    public var ty: Double

    public init(a: Double, b: Double, tx: Double, ty: Double) {
        self.a = a
        self.b = b
        self.tx = tx
        self.ty = ty
    }

    /// Rotate by `angle` radians (from +x towards +y, which on screen is clockwise because y points down), scale
    /// by `scale`, then translate.
    public init(scale: Double, angle: Double, translation: Point2D) {
        self.init(a: scale * cos(angle), b: scale * sin(angle), tx: translation.x, ty: translation.y)
    }

    public static let identity = SimilarityTransform(a: 1, b: 0, tx: 0, ty: 0)

    public var scale: Double { (a * a + b * b).squareRoot() }
    public var angle: Double { atan2(b, a) }

    @inlinable
    public func apply(_ point: Point2D) -> Point2D {
        Point2D(x: a * point.x - b * point.y + tx, y: b * point.x + a * point.y + ty)
    }

    /// `self` first, then `next`.
    public func followed(by next: SimilarityTransform) -> SimilarityTransform {
        SimilarityTransform(
            a: next.a * a - next.b * b,
            b: next.b * a + next.a * b,
            tx: next.a * tx - next.b * ty + next.tx,
            ty: next.b * tx + next.a * ty + next.ty)
    }

    /// The transform that undoes this one. Only a zero-scale transform has none; `fit` never returns one.
    public func inverted() -> SimilarityTransform {
        let squaredScale = a * a + b * b
        precondition(squaredScale > 0, "SimilarityTransform: a zero-scale transform has no inverse")
        let ia = a / squaredScale
        let ib = -b / squaredScale
        return SimilarityTransform(a: ia, b: ib, tx: -(ia * tx - ib * ty), ty: -(ib * tx + ia * ty))
    }

    /// The similarity minimising `Σ wᵢ·|self(source[i]) − target[i]|²` over all rotations, scales and translations
    /// (a mirror image is never chosen, however well it would fit). Without weights every pair counts the same.
    ///
    /// In the parameters `(a, b, tx, ty)` the problem is linear; with both point sets centred on their weighted
    /// means the normal equations decouple and give `a = Σ w·p·q / Σ w·|p|²`, `b = Σ w·p×q / Σ w·|p|²`.
    public static func fit(
        from source: [Point2D], to target: [Point2D], weights: [Double]? = nil, subject: String = "similarity fit"
    ) throws(AlignmentError) -> SimilarityTransform {
        guard source.count == target.count else {
            throw AlignmentError(subject, .pointCountMismatch(source: source.count, target: target.count))
        }
        let weights = weights ?? Array(repeating: 1, count: source.count)
        guard weights.count == source.count else {
            throw AlignmentError(subject, .weightCountMismatch(points: source.count, weights: weights.count))
        }
        if let bad = weights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw AlignmentError(subject, .invalidWeight(index: bad))
        }
        let weighted = weights.count { $0 > 0 }
        guard weighted >= 2 else { throw AlignmentError(subject, .tooFewPoints(weighted)) }
        if let bad = source.indices.first(where: { i in
            ![source[i].x, source[i].y, target[i].x, target[i].y].allSatisfy(\.isFinite)
        }) {
            throw AlignmentError(subject, .nonFinitePoint(index: bad))
        }

        let total = weights.reduce(0, +)
        var sourceMean = Point2D(x: 0, y: 0), targetMean = Point2D(x: 0, y: 0)
        for (i, w) in weights.enumerated() {
            sourceMean.x += w * source[i].x / total
            sourceMean.y += w * source[i].y / total
            targetMean.x += w * target[i].x / total
            targetMean.y += w * target[i].y / total
        }

        var sourceSpread = 0.0, targetSpread = 0.0, dot = 0.0, cross = 0.0
        for (i, w) in weights.enumerated() {
            let px = source[i].x - sourceMean.x, py = source[i].y - sourceMean.y
            let qx = target[i].x - targetMean.x, qy = target[i].y - targetMean.y
            sourceSpread += w * (px * px + py * py)
            targetSpread += w * (qx * qx + qy * qy)
            dot += w * (px * qx + py * qy)
            cross += w * (px * qy - py * qx)
        }
        guard !isNegligible(sourceSpread / total, around: sourceMean) else {
            throw AlignmentError(subject, .coincidentSourcePoints)
        }
        guard !isNegligible(targetSpread / total, around: targetMean) else {
            throw AlignmentError(subject, .coincidentTargetPoints)
        }
        guard dot * dot + cross * cross > 1e-20 * sourceSpread * targetSpread else {
            throw AlignmentError(subject, .zeroScaleFit)
        }

        let a = dot / sourceSpread
        let b = cross / sourceSpread
        return SimilarityTransform(
            a: a, b: b,
            tx: targetMean.x - (a * sourceMean.x - b * sourceMean.y),
            ty: targetMean.y - (b * sourceMean.x + a * sourceMean.y))
    }

    /// A spread of points so small against their distance from the origin that it is rounding noise.
    private static func isNegligible(_ spread: Double, around mean: Point2D) -> Bool {
        spread <= 1e-20 * max(1, mean.x * mean.x + mean.y * mean.y)
    }
}
