import FaceVision
import NeuralEngine

/// Turns chips into the network's input `[N, 3, S, S]`, each pixel `(value − 127.5) / 127.5` (the ArcFace
/// normalisation, which `ONNXFaceEmbedder` applies by default, so an exported model needs no extra settings).
///
/// Chips larger than the input are cropped: at random with a random left–right flip while training (the usual
/// augmentation), in the centre for evaluation. Aligning with a margin (`facewatch align --size 72 --margin
/// 0.0625`) leaves room for the random crops and makes the centre crop exactly the template's framing at 64 px.
public struct ChipBatch: Sendable {
    public let inputSide: Int

    public init(inputSide: Int) { self.inputSide = inputSide }

    /// Where a chip is cut and whether it is mirrored.
    public struct Crop: Sendable, Equatable {
        public var x: Int
        public var y: Int
        public var mirrored: Bool

        public init(x: Int, y: Int, mirrored: Bool) {
            self.x = x
            self.y = y
            self.mirrored = mirrored
        }
    }

    /// The centre crop, not mirrored.
    public func centreCrop(chipSide: Int) -> Crop {
        Crop(x: (chipSide - inputSide) / 2, y: (chipSide - inputSide) / 2, mirrored: false)
    }

    /// A crop anywhere in the chip, mirrored half of the time.
    public func randomCrop(chipSide: Int, using generator: inout some RandomNumberGenerator) -> Crop {
        let room = chipSide - inputSide
        return Crop(x: Int.random(in: 0...room, using: &generator), y: Int.random(in: 0...room, using: &generator),
                    mirrored: Bool.random(using: &generator))
    }

    /// The input tensor of `chips`, each cut as `crops` says (same count).
    public func tensor(of chips: [RGBImage], crops: [Crop]) -> Tensor {
        precondition(chips.count == crops.count, "ChipBatch: \(chips.count) chips but \(crops.count) crops")
        let side = inputSide, plane = side * side
        return Tensor(shape: [chips.count, 3, side, side]) { out in
            for (n, chip) in chips.enumerated() {
                let crop = crops[n]
                precondition(crop.x >= 0 && crop.y >= 0 && crop.x + side <= chip.width && crop.y + side <= chip.height,
                             "ChipBatch: crop outside a \(chip.width)×\(chip.height) chip")
                chip.pixels.withUnsafeBufferPointer { pixels in
                    for row in 0..<side {
                        let sourceRow = (crop.y + row) * chip.width
                        for column in 0..<side {
                            let sourceColumn = crop.mirrored ? crop.x + side - 1 - column : crop.x + column
                            let source = (sourceRow + sourceColumn) * 3
                            let target = n * 3 * plane + row * side + column
                            for channel in 0..<3 {
                                out[target + channel * plane] = (Float(pixels[source + channel]) - 127.5) / 127.5
                            }
                        }
                    }
                }
            }
        }
    }

    /// Centre crops of every chip, for evaluation.
    public func evaluationTensor(of chips: [RGBImage]) -> Tensor {
        tensor(of: chips, crops: chips.map { centreCrop(chipSide: $0.width) })
    }
}
