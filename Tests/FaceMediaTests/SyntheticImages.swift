import FaceVision

/// Deterministic test pictures: smooth colour gradients with a little pseudo-random texture.
enum SyntheticImages {
    static func gradient(width: Int, height: Int, noise: Int = 0, seed: UInt64 = 1) -> RGBImage {
        var image = RGBImage(width: width, height: height)
        var state = seed
        for y in 0..<height {
            for x in 0..<width {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let jitter = noise == 0 ? 0 : Int(state >> 33) % (2 * noise + 1) - noise
                func channel(_ value: Int) -> UInt8 { UInt8(clamping: value + jitter) }
                image[x, y] = (
                    channel(x * 255 / max(1, width - 1)),
                    channel(y * 255 / max(1, height - 1)),
                    channel(128 + (x - y) / 4))
            }
        }
        return image
    }

    static func meanAbsoluteDifference(_ a: RGBImage, _ b: RGBImage) -> Double {
        precondition(a.pixels.count == b.pixels.count)
        let total = zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
        return Double(total) / Double(max(1, a.pixels.count))
    }
}
