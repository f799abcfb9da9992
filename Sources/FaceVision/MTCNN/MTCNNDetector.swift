import Foundation
import NeuralEngine

/// The MTCNN face detector: an image pyramid scanned by P-Net, candidates refined by R-Net, then O-Net with
/// five landmarks. docs/mtcnn.md describes every step.
///
/// A detector is an immutable value holding the three networks; `detect` may run on several threads at once.
public struct MTCNNDetector: Sendable {
    let pnet: ComputeGraph
    let rnet: RefinementNet
    let onet: RefinementNet
    /// Whether the three graphs were stripped of their leading `[N, W, H, 3] → [N, 3, W, H]` transposes, so
    /// that images and crops are written straight into channel planes.
    let planarInputs: Bool

    /// The file names the setup installs into the models directory.
    public static let modelFiles = ["pnet.onnx", "rnet.onnx", "onet.onnx"]

    /// Loads `pnet.onnx`, `rnet.onnx` and `onet.onnx` from a models directory.
    public init(modelsDirectory: String) throws(VisionError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: modelsDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw VisionError(modelsDirectory, "models directory not found (run scripts/setup, or pass --models DIR)")
        }
        var graphs = [ComputeGraph]()
        for file in Self.modelFiles {
            let path = (modelsDirectory as NSString).appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: path) else {
                throw VisionError(path, "MTCNN model file missing (run scripts/setup, or pass --models DIR)")
            }
            do {
                graphs.append(try ONNXImporter.load(path: path))
            } catch {
                throw VisionError(error.subject, error.reason)
            }
        }
        try self.init(pnet: graphs[0], rnet: graphs[1], onet: graphs[2])
    }

    /// Uses three graphs already loaded; each must have one input.
    public init(pnet: ComputeGraph, rnet: ComputeGraph, onet: ComputeGraph) throws(VisionError) {
        for (graph, outputs) in [(pnet, 2), (rnet, 2), (onet, 3)] where graph.inputNames.count != 1 || graph.outputNames.count != outputs {
            throw VisionError(graph.source, "is not an MTCNN stage: expected 1 input and \(outputs) outputs, found \(graph.inputNames.count) and \(graph.outputNames.count)")
        }
        let stripped = [pnet, rnet, onet].compactMap { graph -> ComputeGraph? in
            guard let (inner, permutation) = graph.startingAfterInputTranspose(), permutation == [0, 3, 1, 2] else { return nil }
            return inner
        }
        planarInputs = stripped.count == 3
        self.pnet = planarInputs ? stripped[0] : pnet
        self.rnet = RefinementNet(planarInputs ? stripped[1] : rnet, planar: planarInputs)
        self.onet = RefinementNet(planarInputs ? stripped[2] : onet, planar: planarInputs)
    }

    /// Finds every face in the image, highest score first.
    public func detect(_ image: RGBImage, options: MTCNNOptions = MTCNNOptions()) throws(VisionError) -> [DetectedFace] {
        var profile = MTCNNProfile()
        return try detect(image, options: options, profile: &profile)
    }

    /// Finds every face and records where the time went.
    public func detect(_ image: RGBImage, options: MTCNNOptions, profile: inout MTCNNProfile) throws(VisionError) -> [DetectedFace] {
        guard image.width > 0, image.height > 0 else { return [] }
        let proposals = try proposals(image, options: options, profile: &profile)
        return try detect(image, proposals: proposals, expecting: [], options: options, profile: &profile)
    }

    // MARK: - Stage 1: pyramid and P-Net

    func pyramidCandidates(_ image: RGBImage, options: MTCNNOptions, profile: inout MTCNNProfile) throws(VisionError) -> [CandidateBox] {
        var all = [CandidateBox]()
        var clock = StageClock()
        let scales = options.pyramidScales(width: image.width, height: image.height)
        let levels = AreaResampling.resize(image, sizes: scales.map { scale in
            (Int((Double(image.width) * scale).rounded(.up)), Int((Double(image.height) * scale).rounded(.up)))
        })
        profile.pyramidSeconds += clock.lap()
        for (scale, level) in zip(scales, levels) {
            let input = Self.networkInput(level, planar: planarInputs)
            profile.pyramidSeconds += clock.lap()
            let outputs = try run(pnet, input, multiplyAdds: &profile.multiplyAdds)
            profile.pnetSeconds += clock.lap()
            let (probability, regression) = try Self.split(outputs, probabilityChannels: 2, regressionChannels: 4, graph: pnet)
            guard probability.rank == 4, regression.rank == 4, probability.shape[1] == regression.shape[1],
                  probability.shape[2] == regression.shape[2] else {
                throw VisionError(pnet.source, "unexpected P-Net output shapes \(probability) and \(regression)")
            }
            let cellsX = probability.shape[1], cellsY = probability.shape[2]
            var level_candidates = [CandidateBox]()
            for i in 0..<cellsX {
                for j in 0..<cellsY {
                    let cell = i * cellsY + j
                    let p = Double(probability.values[cell * 2 + 1])
                    guard p >= options.thresholds.pnet else { continue }
                    var box = CandidateBox(
                        x1: ((Double(2 * i) + 1) / scale).rounded(.towardZero),
                        y1: ((Double(2 * j) + 1) / scale).rounded(.towardZero),
                        x2: ((Double(2 * i) + 12) / scale).rounded(.towardZero),
                        y2: ((Double(2 * j) + 12) / scale).rounded(.towardZero),
                        score: p)
                    let r = cell * 4
                    box.regression = (Double(regression.values[r]), Double(regression.values[r + 1]),
                                      Double(regression.values[r + 2]), Double(regression.values[r + 3]))
                    level_candidates.append(box)
                }
            }
            let kept = NonMaximumSuppression.keep(level_candidates, threshold: 0.5, overlap: .union)
            all.append(contentsOf: kept.map { level_candidates[$0] })
            profile.nmsSeconds += clock.lap()
        }
        let merged = NonMaximumSuppression.keep(all, threshold: 0.7, overlap: .union)
            .map { all[$0].regressed(inclusive: false).squared().truncated() }
        profile.nmsSeconds += clock.lap()
        return merged
    }

    // MARK: - Stage 2: R-Net

    func refine(_ image: RGBImage, _ boxes: [CandidateBox], options: MTCNNOptions, profile: inout MTCNNProfile) throws(VisionError) -> [CandidateBox] {
        var clock = StageClock()
        let boxes = boxes.filter { $0.x2 >= $0.x1 && $0.y2 >= $0.y1 }
        profile.rnetCandidates += boxes.count
        let passed = try score(image, boxes, with: rnet, side: 24, threshold: options.thresholds.rnet,
                               landmarks: false, multiplyAdds: &profile.multiplyAdds)
        profile.rnetSeconds += clock.lap()
        let result = NonMaximumSuppression.keep(passed, threshold: 0.7, overlap: .union)
            .map { passed[$0].regressed(inclusive: true).squared() }
        profile.nmsSeconds += clock.lap()
        return result
    }

    // MARK: - Stage 3: O-Net

    /// The boxes O-Net takes for faces, scored, regressed and with landmarks (not yet suppressed).
    func onetPasses(_ image: RGBImage, _ boxes: [CandidateBox], options: MTCNNOptions, profile: inout MTCNNProfile) throws(VisionError) -> [CandidateBox] {
        var clock = StageClock()
        let boxes = boxes.map { $0.truncated() }.filter { $0.x2 >= $0.x1 && $0.y2 >= $0.y1 }
        profile.onetCandidates += boxes.count
        let passed = try score(image, boxes, with: onet, side: 48, threshold: options.thresholds.onet,
                               landmarks: true, multiplyAdds: &profile.multiplyAdds).map { $0.regressed(inclusive: true) }
        profile.onetSeconds += clock.lap()
        return passed
    }

    /// O-Net's faces less those that lie mostly inside a better-scored one.
    func finalSuppression(_ passed: [CandidateBox], profile: inout MTCNNProfile) -> [CandidateBox] {
        var clock = StageClock()
        let result = NonMaximumSuppression.keep(passed, threshold: 0.7, overlap: .minimum).map { passed[$0] }
        profile.nmsSeconds += clock.lap()
        return result
    }

    /// Runs a refinement net over `side × side` crops of the boxes, in batches. Each box whose face probability
    /// exceeds `threshold` comes back with that score, the net's regression (not yet applied) and, with
    /// `landmarks`, the five points of the net's 10-value output placed on the box.
    func score(_ image: RGBImage, _ boxes: [CandidateBox], with stage: RefinementNet, side: Int,
                       threshold: Double, landmarks: Bool, multiplyAdds: inout Int) throws(VisionError) -> [CandidateBox] {
        var passed = [CandidateBox]()
        for batch in stride(from: 0, to: boxes.count, by: Self.batchSize) {
            let slice = boxes[batch..<min(boxes.count, batch + Self.batchSize)]
            let (net, layout) = stage.network(forBatch: slice.count)
            let outputs = try run(net, Self.crops(of: image, slice, side: side, layout: layout), multiplyAdds: &multiplyAdds)
            let (probability, regression) = try Self.split(outputs, probabilityChannels: 2, regressionChannels: 4, graph: net)
            let points = landmarks ? outputs.first { $0.shape.last == 10 } : nil
            if landmarks && points == nil { throw VisionError(net.source, "has no 10-value landmark output") }
            for (n, candidate) in slice.enumerated() {
                let p = Double(probability.values[n * 2 + 1])
                guard p > threshold else { continue }
                var box = candidate
                box.score = p
                box.regression = (Double(regression.values[n * 4]), Double(regression.values[n * 4 + 1]),
                                  Double(regression.values[n * 4 + 2]), Double(regression.values[n * 4 + 3]))
                if let points {
                    let w = box.x2 - box.x1 + 1, h = box.y2 - box.y1 + 1
                    box.landmarks = (0..<5).map { k in
                        Point2D(x: box.x1 + w * Double(points.values[n * 10 + k]) - 1,
                                y: box.y1 + h * Double(points.values[n * 10 + 5 + k]) - 1)
                    }
                }
                passed.append(box)
            }
        }
        return passed
    }

    // MARK: - Helpers

    /// Crops run through R-Net and O-Net in batches of this many.
    private static let batchSize = 256

    func face(from box: CandidateBox, width: Int, height: Int) -> DetectedFace {
        let x1 = max(0, box.x1), y1 = max(0, box.y1)
        let x2 = min(Double(width), box.x2), y2 = min(Double(height), box.y2)
        return DetectedFace(box: Box(x: x1, y: y1, width: x2 - x1, height: y2 - y1), score: box.score, landmarks: box.landmarks)
    }

    private func run(_ graph: ComputeGraph, _ input: Tensor, multiplyAdds: inout Int) throws(VisionError) -> [Tensor] {
        do {
            return try graph.run(input, multiplyAdds: &multiplyAdds)
        } catch {
            throw VisionError(error.subject, error.reason)
        }
    }

    /// Picks the probability and regression outputs by their channel counts.
    private static func split(_ outputs: [Tensor], probabilityChannels: Int, regressionChannels: Int, graph: ComputeGraph) throws(VisionError) -> (Tensor, Tensor) {
        guard let p = outputs.first(where: { $0.shape.last == probabilityChannels }),
              let r = outputs.first(where: { $0.shape.last == regressionChannels }) else {
            throw VisionError(graph.source, "outputs \(outputs.map(\.description)) lack a \(probabilityChannels)-channel probability and a \(regressionChannels)-channel regression")
        }
        return (p, r)
    }

    /// The image as the nets take it, values mapped to about −1…1: `[1, 3, W, H]` (one x-major plane per colour),
    /// or without `planar` the file's own `[1, W, H, 3]` (x before y).
    static func networkInput(_ image: RGBImage, planar: Bool) -> Tensor {
        let w = image.width, h = image.height
        let planes = Tensor(shape: [1, 3, w, h]) { out in
            image.pixels.withUnsafeBufferPointer { writePlanes($0.baseAddress!, width: w, height: h, into: out.baseAddress!) }
        }
        return planar ? planes : Self.channelsLast(planes)
    }

    /// `[N, 3, W, H]` as `[N, W, H, 3]`, for graphs that keep their own input transpose.
    private static func channelsLast(_ planes: Tensor) -> Tensor {
        // The permutation fits the rank by construction.
        try! Layout.transpose(planes, permutation: [0, 2, 3, 1])
    }

    /// Normalised, x-major colour planes of an interleaved 8-bit RGB image: `out[c·W·H + x·H + y]`. Rows are
    /// taken eight at a time so that each plane is written in runs of eight consecutive values.
    private static func writePlanes(_ src: UnsafePointer<UInt8>, width w: Int, height h: Int, into out: UnsafeMutablePointer<Float>) {
        let plane = w * h
        var y0 = 0
        while y0 < h {
            let rows = min(8, h - y0)
            for x in 0..<w {
                var r = SIMD8<Float>(), g = SIMD8<Float>(), b = SIMD8<Float>()
                for k in 0..<rows {
                    let s = ((y0 + k) * w + x) * 3
                    r[k] = Float(src[s])
                    g[k] = Float(src[s + 1])
                    b[k] = Float(src[s + 2])
                }
                let d = x * h + y0
                let scale = SIMD8<Float>(repeating: 0.0078125), offset = SIMD8<Float>(repeating: 127.5)
                r = (r - offset) * scale
                g = (g - offset) * scale
                b = (b - offset) * scale
                if rows == 8 {
                    UnsafeMutableRawPointer(out + d).storeBytes(of: r, as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(out + plane + d).storeBytes(of: g, as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(out + 2 * plane + d).storeBytes(of: b, as: SIMD8<Float>.self)
                } else {
                    for k in 0..<rows {
                        out[d + k] = r[k]
                        out[plane + d + k] = g[k]
                        out[2 * plane + d + k] = b[k]
                    }
                }
            }
            y0 += rows
        }
    }

    /// Each box cut out of the image (zero outside it), resized to `side × side` and laid out as `layout` says.
    static func crops(of image: RGBImage, _ boxes: ArraySlice<CandidateBox>, side: Int, layout: CropLayout) -> Tensor {
        let plane = side * side, lanes = BatchInterleaving.lanes
        let interleaved = layout == .batchInterleaved
        // Value (crop n, colour c, pixel i of an x-major plane) goes to base(n) + c·channelStride + i·pixelStride.
        let pixelStride = interleaved ? lanes : 1, channelStride = plane * pixelStride
        let shape = interleaved ? [BatchInterleaving.groups(forBatch: boxes.count), 3, side, side, lanes] : [boxes.count, 3, side, side]
        func base(_ n: Int) -> Int { interleaved ? (n / lanes) * 3 * channelStride + n % lanes : n * 3 * plane }
        var resized = [Float](repeating: 0, count: plane * 3)
        let crops = Tensor(shape: shape) { out in
            if interleaved { out.initialize(repeating: 0) }
            for (n, box) in boxes.enumerated() {
                let x1 = Int(box.x1), y1 = Int(box.y1), x2 = Int(box.x2), y2 = Int(box.y2)
                // The box's pixels run from (x1 − 1, y1 − 1), as the reference's crops do.
                resized.withUnsafeMutableBufferPointer { resized in
                    AreaResampling.resizeRegion(of: image, originX: x1 - 1, originY: y1 - 1, width: x2 - x1 + 1, height: y2 - y1 + 1,
                                                toWidth: side, toHeight: side, into: resized.baseAddress!)
                }
                let first = base(n)
                for y in 0..<side {
                    for x in 0..<side {
                        let s = (y * side + x) * 3, d = first + (x * side + y) * pixelStride
                        out[d] = (resized[s] - 127.5) * 0.0078125
                        out[d + channelStride] = (resized[s + 1] - 127.5) * 0.0078125
                        out[d + 2 * channelStride] = (resized[s + 2] - 127.5) * 0.0078125
                    }
                }
            }
        }
        return layout == .channelsLast ? Self.channelsLast(crops) : crops
    }
}

/// How the refinement nets' crops are laid out for their graph.
enum CropLayout: Sendable {
    /// `[N, side, side, 3]`, x before y: the files' own input layout.
    case channelsLast
    /// `[N, 3, side, side]`: one x-major plane per colour, for graphs stripped of their input transpose.
    case planar
    /// `[⌈N/8⌉, 3, side, side, 8]`: planar, eight crops per pixel (`BatchInterleaving`).
    case batchInterleaved
}

/// R-Net or O-Net: the graph, and where its input is planar, the same graph taking batch-interleaved crops,
/// which runs many crops faster.
struct RefinementNet: Sendable {
    let graph: ComputeGraph
    let layout: CropLayout
    let interleaved: ComputeGraph?
    /// Crops from which the interleaved graph runs: below it the zero crops that fill up the last group of
    /// eight cost more than the layout saves.
    static let interleavingMinimum = 4

    init(_ graph: ComputeGraph, planar: Bool) {
        self.graph = graph
        layout = planar ? .planar : .channelsLast
        interleaved = planar ? graph.acceptingInterleavedBatches() : nil
    }

    /// The graph for a batch of `count` crops and the layout it takes them in.
    func network(forBatch count: Int) -> (ComputeGraph, CropLayout) {
        if let interleaved, count >= Self.interleavingMinimum { return (interleaved, .batchInterleaved) }
        return (graph, layout)
    }
}

/// Measures consecutive intervals of wall time.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Seconds since the previous lap (or since the clock was made).
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
