import FaceTrain
import FaceVision

/// The descriptors `bench alignment` computed for one image: for every variant its chip's descriptor and, with
/// mirroring, its mirrored chip's right after, all `length` values each, in one flat array.
struct VariantDescriptors: Sendable {
    var values: [Float]
    var length: Int
    /// Image pixels per chip pixel for the first variant (how much the chip shrinks the face).
    var imagePixelsPerChipPixel: Double

    /// The mean of the descriptors of the chips numbered `chips`.
    func mean(of chips: [Int]) -> [Float] {
        var mean = [Float](repeating: 0, count: length)
        let share = 1 / Float(chips.count)
        for chip in chips {
            for i in 0..<length { mean[i] += values[chip * length + i] * share }
        }
        return mean
    }
}

extension PairsFile {
    /// Every pair scored with the distance between `descriptor(pathA)` and `descriptor(pathB)`, nil when either
    /// image has none.
    func scored(by descriptor: (String) -> [Float]?) -> [ScoredPair] {
        pairs.map { pair in
            var distance: Double?
            if let a = descriptor(pair.pathA), let b = descriptor(pair.pathB) { distance = Double(descriptorDistance(a, b)) }
            return ScoredPair(distance: distance, isSame: pair.isSame, fold: pair.fold)
        }
    }
}
