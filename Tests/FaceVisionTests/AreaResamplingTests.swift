import FacewatchSupport
import Testing
@testable import FaceVision

struct AreaResamplingTests {
    static func gray(_ width: Int, _ height: Int, _ values: [UInt8]) -> RGBImage {
        RGBImage(width: width, height: height, pixels: values.flatMap { [$0, $0, $0] })
    }

    static func channel(_ image: RGBImage) -> [UInt8] { stride(from: 0, to: image.pixels.count, by: 3).map { image.pixels[$0] } }

    @Test func halvingAveragesEachBlockRoundingHalfUp() {
        let image = Self.gray(4, 2, [0, 1, 10, 20,
                                     2, 2, 30, 40])
        // Blocks sum to 5 and 100: 5/4 = 1.25 → 1; 100/4 = 25.
        #expect(Self.channel(AreaResampling.resize(image, width: 2, height: 1)) == [1, 25])
        let half = Self.gray(2, 2, [1, 1, 0, 0])
        // 2/4 = 0.5 rounds up on OpenCV's exact 2×2 path.
        #expect(Self.channel(AreaResampling.resize(half, width: 1, height: 1)) == [1])
    }

    @Test func fractionalShrinkWeighsByOverlap() {
        // 3 → 2 pixels: each output covers 1.5 inputs: (a + b/2)/1.5 and (b/2 + c)/1.5.
        let image = Self.gray(3, 1, [30, 60, 90])
        #expect(Self.channel(AreaResampling.resize(image, width: 2, height: 1)) == [40, 80])
    }

    @Test func enlargingFollowsOpenCVAreaCoefficients() {
        // 2 → 3: scale 2/3; d=0: i=0, f=1−2/3·... → OpenCV gives [a, (a+b)/2, b].
        let taps = AreaResampling.taps(input: 2, output: 3)
        #expect(taps[0].map(\.source) == [0])
        #expect(taps[1].map(\.source) == [0, 1])
        #expect(abs(taps[1][0].weight - 0.5) < 1e-6)
        #expect(taps[2].map(\.source) == [1])
        let image = Self.gray(2, 1, [10, 20])
        #expect(Self.channel(AreaResampling.resize(image, width: 3, height: 1)) == [10, 15, 20])
    }

    @Test func weightsOfEveryOutputSumToOne() {
        for (input, output) in [(548, 329), (342, 206), (100, 7), (13, 12), (12, 31), (1, 5)] {
            for taps in AreaResampling.taps(input: input, output: output) {
                #expect(abs(taps.map(\.weight).reduce(0, +) - 1) < 1e-4, "\(input)→\(output)")
                #expect(taps.allSatisfy { (0..<input).contains($0.source) })
            }
        }
    }

    @Test func floatResizeMatchesByteResizeBeforeRounding() {
        var pixels = [UInt8]()
        for i in 0..<(7 * 5 * 3) { pixels.append(UInt8((i * 37) % 256)) }
        let image = RGBImage(width: 7, height: 5, pixels: pixels)
        let bytes = AreaResampling.resize(image, width: 3, height: 2)
        let floats = AreaResampling.resize(pixels.map(Float.init), width: 7, height: 5, toWidth: 3, toHeight: 2)
        for (b, f) in zip(bytes.pixels, floats) { #expect(abs(Float(b) - f) <= 0.5 + 1e-4) }
    }

    @Test func onePassPyramidEqualsEachSizeMadeOnItsOwn() {
        var generator = SplitMix64(seed: 7)
        let width = 97, height = 61
        let image = RGBImage(width: width, height: height,
                             pixels: (0..<(width * height * 3)).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        let sizes = [(58, 37), (41, 26), (29, 19), (12, 8), (1, 1), (97, 61), (48, 30), (60, 61), (130, 40), (50, 90)]
        let pyramid = AreaResampling.resize(image, sizes: sizes)
        for (level, size) in zip(pyramid, sizes) {
            let alone = AreaResampling.resizeByOutputRows(image, width: size.0, height: size.1)
            #expect(level.width == size.0 && level.height == size.1)
            #expect(level.pixels == alone.pixels, "\(size)")
        }
    }

    @Test func regionResizeEqualsCuttingOutThenResizing() {
        var generator = SplitMix64(seed: 11)
        let width = 40, height = 30
        let image = RGBImage(width: width, height: height,
                             pixels: (0..<(width * height * 3)).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        // Inside, across each edge, larger than the image, and wholly outside it.
        let regions = [(5, 4, 20, 17), (-6, -3, 15, 12), (30, 20, 19, 23), (-10, -10, 70, 55), (45, 2, 8, 8), (0, 0, 1, 1)]
        for (x, y, w, h) in regions {
            for side in [24, 48, 5] {
                var cut = [Float](repeating: 0, count: w * h * 3)
                for cy in 0..<h where (0..<height).contains(y + cy) {
                    for cx in 0..<w where (0..<width).contains(x + cx) {
                        for c in 0..<3 { cut[(cy * w + cx) * 3 + c] = Float(image.pixels[((y + cy) * width + x + cx) * 3 + c]) }
                    }
                }
                let expected = AreaResampling.resize(cut, width: w, height: h, toWidth: side, toHeight: side)
                var direct = [Float](repeating: -1, count: side * side * 3)
                direct.withUnsafeMutableBufferPointer {
                    AreaResampling.resizeRegion(of: image, originX: x, originY: y, width: w, height: h,
                                                toWidth: side, toHeight: side, into: $0.baseAddress!)
                }
                #expect(direct == expected, "region \((x, y, w, h)) → \(side)")
            }
        }
    }
}
