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

    /// The similarity minimising `Σ |self(source[i]) − target[i]|²` over all rotations, scales and translations
    /// (a mirror image is never chosen, however well it would fit).
    ///
    /// In the parameters `(a, b, tx, ty)` the problem is linear; with both point sets centred on their means
    /// the normal equations decouple and give `a = Σ p·q / Σ |p|²`, `b = Σ p×q / Σ |p|²`.
    public static func fit(
        from source: [Point2D], to target: [Point2D], subject: String = "similarity fit"
    ) throws(AlignmentError) -> SimilarityTransform {
        guard source.count == target.count else {
            throw AlignmentError(subject, .pointCountMismatch(source: source.count, target: target.count))
        }
        guard source.count >= 2 else { throw AlignmentError(subject, .tooFewPoints(source.count)) }
        if let bad = source.indices.first(where: { i in
            ![source[i].x, source[i].y, target[i].x, target[i].y].allSatisfy(\.isFinite)
        }) {
            throw AlignmentError(subject, .nonFinitePoint(index: bad))
        }

        let count = Double(source.count)
        let sourceMean = Point2D(x: source.reduce(0) { $0 + $1.x } / count, y: source.reduce(0) { $0 + $1.y } / count)
        let targetMean = Point2D(x: target.reduce(0) { $0 + $1.x } / count, y: target.reduce(0) { $0 + $1.y } / count)

        var sourceSpread = 0.0, targetSpread = 0.0, dot = 0.0, cross = 0.0
        for (s, t) in zip(source, target) {
            let px = s.x - sourceMean.x, py = s.y - sourceMean.y
            let qx = t.x - targetMean.x, qy = t.y - targetMean.y
            sourceSpread += px * px + py * py
            targetSpread += qx * qx + qy * qy
            dot += px * qx + py * qy
            cross += px * qy - py * qx
        }
        guard !isNegligible(sourceSpread, around: sourceMean) else {
            throw AlignmentError(subject, .coincidentSourcePoints)
        }
        guard !isNegligible(targetSpread, around: targetMean) else {
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
