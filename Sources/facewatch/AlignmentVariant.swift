import FaceVision

/// One way of aligning faces for dlib's ResNet that `bench alignment` measures: a base template scaled about
/// the chip centre, moved, and fitted with the given weights (eyes, eyes, nose, mouth, mouth).
struct AlignmentVariant: Sendable {
    var scale: Double
    var offset: Point2D
    var weights: [Double]
    var aligner: FaceAligner

    /// Every combination of the given values, in the order scale, vertical shift, horizontal shift, nose weight,
    /// mouth weight (the last varying fastest).
    static func grid(
        base: FaceTemplate, scales: [Double], shiftsY: [Double], shiftsX: [Double], noseWeights: [Double],
        mouthWeights: [Double], rounding: BilinearWarp.Rounding
    ) -> [AlignmentVariant] {
        var variants = [AlignmentVariant]()
        for scale in scales {
            for dy in shiftsY {
                for dx in shiftsX {
                    for nose in noseWeights {
                        for mouth in mouthWeights {
                            let offset = Point2D(x: dx, y: dy), weights = [1, 1, nose, mouth, mouth]
                            let template = base.adjusted(scale: scale, offset: offset).reweighted(weights)
                            variants.append(AlignmentVariant(
                                scale: scale, offset: offset, weights: weights,
                                aligner: FaceAligner(template: template, rounding: rounding)))
                        }
                    }
                }
            }
        }
        return variants
    }

    /// The variant's settings as JSON fields.
    var fields: [(String, String)] {
        [
            ("scale", JSONText.number(scale, decimals: 4)), ("dx", JSONText.number(offset.x)),
            ("dy", JSONText.number(offset.y)), ("noseWeight", JSONText.number(weights[2])),
            ("mouthWeight", JSONText.number(weights[3])),
        ]
    }
}
