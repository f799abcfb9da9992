import FaceVision
import Foundation
import Testing

@Suite struct AlignmentTests {
    private let face = [
        Point2D(x: 38, y: 52), Point2D(x: 74, y: 51), Point2D(x: 56, y: 72), Point2D(x: 41, y: 92), Point2D(x: 71, y: 93),
    ]

    private func expectClose(_ p: Point2D, _ q: Point2D, within tolerance: Double = 1e-9,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(p.x - q.x) <= tolerance && abs(p.y - q.y) <= tolerance, "\(p) vs \(q)",
                sourceLocation: sourceLocation)
    }

    private func squaredError(_ t: SimilarityTransform, _ source: [Point2D], _ target: [Point2D]) -> Double {
        zip(source, target).reduce(0) { sum, pair in
            let p = t.apply(pair.0)
            return sum + (p.x - pair.1.x) * (p.x - pair.1.x) + (p.y - pair.1.y) * (p.y - pair.1.y)
        }
    }

    private func expectFailure(_ reason: AlignmentError.Reason, _ body: () throws(AlignmentError) -> Void,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try body()
            Issue.record("expected \(reason), got success", sourceLocation: sourceLocation)
        } catch {
            #expect(error.reason == reason, sourceLocation: sourceLocation)
            #expect(!error.description.contains("\n") && error.description.hasPrefix(error.subject + ": "),
                    sourceLocation: sourceLocation)
        }
    }

    // MARK: Fitting

    @Test func fitRecoversAnExactTransform() throws {
        let truth = SimilarityTransform(scale: 1.7, angle: 0.6, translation: Point2D(x: 12, y: -5))
        let fitted = try SimilarityTransform.fit(from: face, to: face.map(truth.apply))
        #expect(abs(fitted.a - truth.a) < 1e-12 && abs(fitted.b - truth.b) < 1e-12)
        #expect(abs(fitted.tx - truth.tx) < 1e-10 && abs(fitted.ty - truth.ty) < 1e-10)
        #expect(abs(fitted.scale - 1.7) < 1e-12 && abs(fitted.angle - 0.6) < 1e-12)
    }

    @Test func noisyFitSatisfiesTheNormalEquationsAndBeatsEveryNeighbour() throws {
        let truth = SimilarityTransform(scale: 0.8, angle: -0.3, translation: Point2D(x: 3, y: 7))
        let noise = [(0.9, -0.4), (-0.7, 0.2), (0.3, 1.1), (-1.2, -0.5), (0.6, -0.8)]
        let target = zip(face.map(truth.apply), noise).map { Point2D(x: $0.x + $1.0, y: $0.y + $1.1) }
        let fitted = try SimilarityTransform.fit(from: face, to: target)

        // The gradient of the squared error with respect to (a, b, tx, ty) vanishes at the optimum.
        var gradient = [0.0, 0.0, 0.0, 0.0]
        for (p, q) in zip(face, target) {
            let r = fitted.apply(p)
            let rx = r.x - q.x, ry = r.y - q.y
            gradient[0] += rx * p.x + ry * p.y
            gradient[1] += -rx * p.y + ry * p.x
            gradient[2] += rx
            gradient[3] += ry
        }
        #expect(gradient.allSatisfy { abs($0) < 1e-9 }, "\(gradient)")

        let best = squaredError(fitted, face, target)
        #expect(best > 0.5)
        for step in [1e-3, -1e-3, 0.1, -0.1] {
            for parameter in 0..<4 {
                var nudged = fitted
                switch parameter {
                case 0: nudged.a += step
                case 1: nudged.b += step
                case 2: nudged.tx += step
                default: nudged.ty += step
                }
                #expect(squaredError(nudged, face, target) > best)
            }
        }
    }

    @Test func mirroredPointsGiveTheBestProperSimilarityNotAMirror() throws {
        let source = [Point2D(x: 0, y: 0), Point2D(x: 10, y: 0), Point2D(x: 0, y: 4), Point2D(x: 3, y: 9)]
        let target = source.map { Point2D(x: -$0.x * 2 + 50, y: $0.y * 2 + 5) }
        let fitted = try SimilarityTransform.fit(from: source, to: target)
        let best = squaredError(fitted, source, target)
        #expect(best > 1, "a proper similarity cannot reproduce a mirror image")

        // Search every angle; for a fixed angle the best scale and translation are linear least squares.
        let n = Double(source.count)
        let sx = source.reduce(0) { $0 + $1.x } / n, sy = source.reduce(0) { $0 + $1.y } / n
        let qx = target.reduce(0) { $0 + $1.x } / n, qy = target.reduce(0) { $0 + $1.y } / n
        for k in 0..<3600 {
            let angle = Double(k) * .pi / 1800
            var along = 0.0, spread = 0.0
            for (p, q) in zip(source, target) {
                let rx = cos(angle) * (p.x - sx) - sin(angle) * (p.y - sy)
                let ry = sin(angle) * (p.x - sx) + cos(angle) * (p.y - sy)
                along += rx * (q.x - qx) + ry * (q.y - qy)
                spread += rx * rx + ry * ry
            }
            let scale = max(0, along / spread)
            let candidate = SimilarityTransform(scale: scale, angle: angle, translation: Point2D(x: 0, y: 0))
            let centre = candidate.apply(Point2D(x: sx, y: sy))
            let placed = SimilarityTransform(a: candidate.a, b: candidate.b, tx: qx - centre.x, ty: qy - centre.y)
            #expect(squaredError(placed, source, target) >= best - 1e-9)
        }
    }

    @Test func degenerateInputIsATypedError() {
        let spot = Point2D(x: 5, y: 5)
        expectFailure(.coincidentSourcePoints) { () throws(AlignmentError) in
            _ = try SimilarityTransform.fit(from: [spot, spot, spot], to: Array(face.prefix(3)))
        }
        expectFailure(.coincidentTargetPoints) { () throws(AlignmentError) in
            _ = try SimilarityTransform.fit(from: Array(face.prefix(3)), to: [spot, spot, spot])
        }
        expectFailure(.tooFewPoints(1)) { () throws(AlignmentError) in
            _ = try SimilarityTransform.fit(from: [spot], to: [spot])
        }
        expectFailure(.pointCountMismatch(source: 5, target: 4)) { () throws(AlignmentError) in
            _ = try SimilarityTransform.fit(from: face, to: Array(face.prefix(4)))
        }
        expectFailure(.nonFinitePoint(index: 2)) { () throws(AlignmentError) in
            var broken = face
            broken[2].y = .nan
            _ = try SimilarityTransform.fit(from: face, to: broken)
        }
        let square = [Point2D(x: -1, y: 0), Point2D(x: 1, y: 0), Point2D(x: 0, y: -1), Point2D(x: 0, y: 1)]
        let flipped = square.map { Point2D(x: $0.x, y: -$0.y) }
        expectFailure(.zeroScaleFit) { () throws(AlignmentError) in
            _ = try SimilarityTransform.fit(from: square, to: flipped)
        }
        let aligner = FaceAligner(template: .arcFace112)
        expectFailure(.coincidentLandmarks) { () throws(AlignmentError) in
            _ = try aligner.chipToImage(landmarks: Array(repeating: spot, count: 5))
        }
        expectFailure(.coincidentLandmarks) { () throws(AlignmentError) in
            _ = try FaceAligner(template: .dlib150).chipToImage(landmarks: Array(repeating: spot, count: 5))
        }
        expectFailure(.landmarkCountMismatch(expected: 5, got: 3)) { () throws(AlignmentError) in
            _ = try aligner.align(RGBImage(width: 4, height: 4), landmarks: Array(face.prefix(3)))
        }
    }

    @Test func errorDescriptionNamesTheTemplate() {
        do {
            _ = try FaceAligner(template: .arcFace112).chipToImage(landmarks: [])
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "alignment to template arcface-112: the template has 5 points but the face has 0 landmarks")
        }
    }

    // MARK: Composition

    @Test func transformsComposeAndInvert() {
        let first = SimilarityTransform(scale: 2.5, angle: 1.1, translation: Point2D(x: -4, y: 9))
        let second = SimilarityTransform(scale: 0.3, angle: -2.0, translation: Point2D(x: 17, y: 2))
        let composed = first.followed(by: second)
        for p in face {
            expectClose(composed.apply(p), second.apply(first.apply(p)))
            expectClose(first.inverted().apply(first.apply(p)), p)
            expectClose(first.followed(by: first.inverted()).apply(p), p)
        }
        #expect(abs(composed.scale - 0.75) < 1e-12)
        #expect(abs(composed.angle - (1.1 - 2.0)) < 1e-12)
        let rotation = SimilarityTransform(scale: 1, angle: .pi / 2, translation: Point2D(x: 0, y: 0))
        expectClose(rotation.apply(Point2D(x: 1, y: 0)), Point2D(x: 0, y: 1))
    }

    // MARK: Bilinear sampling

    /// 3×2 image; red = 10·x + 100·y, green = 255 − red, blue = 7.
    private let ramp = RGBImage(width: 3, height: 2, pixels: [
        0, 255, 7, 10, 245, 7, 21, 234, 7,
        100, 155, 7, 110, 145, 7, 121, 134, 7,
    ])

    private func shift(_ dx: Double, _ dy: Double) -> SimilarityTransform {
        SimilarityTransform(a: 1, b: 0, tx: dx, ty: dy)
    }

    @Test func samplingAtIntegerPositionsCopiesPixels() {
        #expect(BilinearWarp.rgb(ramp, width: 3, height: 2, chipToImage: .identity) == ramp)
        let moved = BilinearWarp.rgb(ramp, width: 2, height: 1, chipToImage: shift(1, 1), border: 9)
        #expect(moved.pixels == [110, 145, 7, 121, 134, 7])
    }

    @Test func samplingAtHalfPositionsAveragesNeighbours() {
        let across = BilinearWarp.floats(ramp, width: 2, height: 1, chipToImage: shift(0.5, 0))
        #expect(across == [5, 250, 7, 15.5, 239.5, 7])
        let diagonal = BilinearWarp.floats(ramp, width: 1, height: 1, chipToImage: shift(1.5, 0.5))
        #expect(diagonal == [65.5, 189.5, 7])
        let nearest = BilinearWarp.rgb(ramp, width: 2, height: 1, chipToImage: shift(0.5, 0))
        #expect(nearest.pixels == [5, 250, 7, 16, 240, 7])
        let truncated = BilinearWarp.rgb(ramp, width: 2, height: 1, chipToImage: shift(0.5, 0), rounding: .truncate)
        #expect(truncated.pixels == [5, 250, 7, 15, 239, 7])
    }

    @Test func samplesBeyondTheImageBlendWithTheBorder() {
        let edge = BilinearWarp.floats(ramp, width: 1, height: 1, chipToImage: shift(-0.5, 0), border: 40)
        #expect(edge == [20, 147.5, 23.5])
        let outside = BilinearWarp.rgb(ramp, width: 2, height: 2, chipToImage: shift(-5, 30), border: 40)
        #expect(outside.pixels.allSatisfy { $0 == 40 })
        let lastColumn = BilinearWarp.floats(ramp, width: 1, height: 1, chipToImage: shift(2, 1), border: 40)
        #expect(lastColumn == [121, 134, 7])
    }

    // MARK: Alignment

    /// A grey image whose pixels depend on position, so that any shift or mirror shows.
    private func texture(width: Int, height: Int) -> RGBImage {
        var image = RGBImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                image[x, y] = (UInt8((x * 7 + y * 3) % 256), UInt8((x * x + y) % 256), UInt8((x ^ y) & 255))
            }
        }
        return image
    }

    @Test func arcFaceLandmarksOnTheTemplateGiveTheImageBack() throws {
        let image = texture(width: 112, height: 112)
        let aligner = FaceAligner(template: .arcFace112)
        let map = try aligner.chipToImage(landmarks: FaceTemplate.arcFace112.points)
        #expect(abs(map.a - 1) < 1e-12 && abs(map.b) < 1e-12 && abs(map.tx) < 1e-9 && abs(map.ty) < 1e-9)
        #expect(try aligner.align(image, landmarks: FaceTemplate.arcFace112.points) == image)
    }

    @Test func dlibChipKeepsDlibsHalfPixelOffset() throws {
        let derived = FaceTemplate.dlibChip(size: 150, padding: 0.25)
        let map = try FaceAligner(template: derived).chipToImage(landmarks: derived.points)
        #expect(abs(map.a - 1) < 1e-12 && abs(map.b) < 1e-12)
        #expect(abs(map.tx - 0.5) < 1e-9 && abs(map.ty - 0.5) < 1e-9)
    }

    @Test func derivedDlibTemplateIsTheMeanFace() {
        let expected = [
            Point2D(x: 47.549183, y: 46.599033), Point2D(x: 100.476133, y: 46.599033), Point2D(x: 74.0127, y: 76.5625),
            Point2D(x: 50.4149, y: 103.0233), Point2D(x: 97.6104, y: 103.0233),
        ]
        let derived = FaceTemplate.dlibChip(size: 150, padding: 0.25)
        #expect(derived.width == 150 && derived.height == 150)
        for (point, want) in zip(derived.points, expected) {
            expectClose(point, want, within: 1e-6)
        }
    }

    @Test func measuredDlibTemplateMapsItsOwnPointsOntoThemselves() throws {
        let map = try FaceAligner(template: .dlib150).chipToImage(landmarks: FaceTemplate.dlib150.points)
        #expect(abs(map.a - 1) < 1e-9 && abs(map.b) < 1e-9 && abs(map.tx) < 1e-9 && abs(map.ty) < 1e-9)
    }

    /// Five cone-shaped blobs of radius 5 centred on the landmarks, each in its own channel mix.
    private func blobs(at landmarks: [Point2D], width: Int, height: Int) -> RGBImage {
        var image = RGBImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                for centre in landmarks {
                    let distance = hypot(Double(x) - centre.x, Double(y) - centre.y)
                    if distance < 5 {
                        let v = UInt8((250 * (1 - distance / 5)).rounded())
                        image[x, y] = (v, v, v)
                    }
                }
            }
        }
        return image
    }

    /// The brightness-weighted centre of the chip within `radius` of `near`.
    private func centroid(_ chip: [Float], width: Int, near: Point2D, radius: Int) -> Point2D {
        var sum = 0.0, sx = 0.0, sy = 0.0
        let cx = Int(near.x.rounded()), cy = Int(near.y.rounded())
        for y in (cy - radius)...(cy + radius) {
            for x in (cx - radius)...(cx + radius) {
                let v = Double(chip[(y * width + x) * 3])
                sum += v
                sx += v * Double(x)
                sy += v * Double(y)
            }
        }
        return Point2D(x: sx / sum, y: sy / sum)
    }

    /// ArcFace chips put each landmark on its template point. dlib's chips sit half a chip pixel up and left of
    /// the fitted template (see `dlibChipKeepsDlibsHalfPixelOffset`), so there the target is where the mapping
    /// puts the landmark, which must be that half pixel off the template point. The blob centres are found to
    /// within 0.05 px, tight enough to catch a half-pixel convention slip (0.19 px at this scale).
    @Test(arguments: [FaceTemplate.arcFace112, FaceTemplate.dlib150])
    func warpPutsTheLandmarksWhereTheTemplateSays(template: FaceTemplate) throws {
        let placement = SimilarityTransform(scale: 1.6, angle: 0.35, translation: Point2D(x: 60, y: 20))
        let landmarks = template.points.map(placement.apply)
        let image = blobs(at: landmarks, width: 320, height: 300)
        let aligner = FaceAligner(template: template)
        let imageToChip = try aligner.chipToImage(landmarks: landmarks).inverted()
        let chip = try aligner.alignedFloats(image, landmarks: landmarks)
        #expect(chip.count == template.width * template.height * 3)
        for (landmark, point) in zip(landmarks, template.points) {
            let target = imageToChip.apply(landmark)
            switch template.fitting {
            case .landmarksToTemplate:
                expectClose(target, point, within: 1e-9)
            case .dlibChip:
                #expect((-0.6 ... -0.4).contains(target.x - point.x) && (-0.6 ... -0.4).contains(target.y - point.y))
            }
            let found = centroid(chip, width: template.width, near: point, radius: 6)
            expectClose(found, target, within: 0.05)
        }
        let rgb = try aligner.align(image, landmarks: landmarks)
        #expect(rgb.width == template.width && rgb.height == template.height)
        #expect(zip(rgb.pixels, chip).allSatisfy { abs(Float($0) - $1) <= 0.5 })
    }
}
