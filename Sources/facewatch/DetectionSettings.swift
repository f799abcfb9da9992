import FaceVision

/// How `validate` and `bench alignment` look for the face in an evaluation image: MTCNN's options, and the
/// options of a second, more permissive pass over an image where the first finds nothing (nil: no second pass).
/// Every image of an LFW-style pairs file shows a face, so a miss is worth a second look.
struct DetectionSettings: Sendable, Equatable {
    var options: MTCNNOptions
    var retry: MTCNNOptions?

    /// The faces in `image`: the first pass's, or the second pass's when the first finds none.
    func detect(_ image: RGBImage, with detector: MTCNNDetector) throws(VisionError) -> [DetectedFace] {
        let faces = try detector.detect(image, options: options)
        guard faces.isEmpty, let retry else { return faces }
        return try detector.detect(image, options: retry)
    }

    /// The settings as command-line options, for messages.
    var optionsText: String {
        func thresholds(_ o: MTCNNOptions) -> String { "\(o.thresholds.pnet),\(o.thresholds.rnet),\(o.thresholds.onet)" }
        var text = "--min-face \(options.minimumFaceSize) --thresholds \(thresholds(options)) --factor \(options.scaleFactor)"
        if let retry { text += " --retry-thresholds \(thresholds(retry))" } else { text += " --retry-thresholds none" }
        return text
    }
}
