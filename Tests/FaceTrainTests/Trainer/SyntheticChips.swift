import FaceTrain
import FaceVision

/// Small generated face-chip stand-ins: each person has a colour and a bar orientation, each image of them the
/// same pattern shifted a little, over noise. Enough structure for a tiny network to tell people apart.
enum SyntheticChips {
    static let palette: [(UInt8, UInt8, UInt8)] = [(220, 40, 40), (40, 200, 60), (50, 70, 230), (210, 200, 40), (180, 60, 200)]

    static func chip(person: Int, image: Int, side: Int, seed: UInt64) -> RGBImage {
        var generator = SeededGenerator(seed: seed &* 1_000_003 &+ UInt64(person * 100 + image))
        var chip = RGBImage(width: side, height: side)
        let colour = palette[person % palette.count]
        let offset = Int.random(in: 2..<(side / 2), using: &generator)
        for y in 0..<side {
            for x in 0..<side {
                let onBar = person % 2 == 0 ? abs(y - offset) <= 1 : abs(x - offset) <= 1
                let noise = { UInt8.random(in: 0...60, using: &generator) }
                chip[x, y] = onBar ? colour : (noise(), noise(), noise())
            }
        }
        return chip
    }

    /// `people` people with `imagesEach` chips each, labelled in order.
    static func dataset(people: Int, imagesEach: Int, side: Int, seed: UInt64 = 1) -> ChipDataset {
        var samples: [ChipDataset.Sample] = []
        for person in 0..<people {
            for image in 0..<imagesEach {
                samples.append(ChipDataset.Sample(label: person, path: "p\(person)/\(image).png",
                                                  chip: chip(person: person, image: image, side: side, seed: seed)))
            }
        }
        return ChipDataset(people: (0..<people).map { "p\($0)" }, samples: samples, side: side)
    }

    /// A network small enough for debug-build tests: 16×16 input, 4 channels per stage, 8-D embedding.
    static let tinyNetwork = EmbeddingNetworkShape(inputSide: 16, widths: [4, 4, 8, 8], embeddingSize: 8)
}
