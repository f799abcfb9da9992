import ArgumentParser
import FaceVision

/// The flags of `validate` and `bench alignment` that say how each image's face is found, beyond the detector's.
struct EvaluationFaceOptions: ParsableArguments {
    @Option(name: .customLong("detections-cache"), help: ArgumentHelp(
        "Keep MTCNN's faces in this JSON-lines file: images it lists are not detected again, new ones are appended. Made for one set of detector options; refused with others.",
        valueName: "FILE"))
    var detectionsCache: String?

    @Option(name: .customLong("retry-thresholds"), help: ArgumentHelp(
        "P-Net, R-Net and O-Net thresholds of a second pass over an image where no face was found (every image of a pairs file shows one), or none.",
        valueName: "P,R,O|none"))
    var retryThresholds: String = "0.4,0.5,0.7"

    func validate() throws {
        _ = try settings(MTCNNOptions())
    }

    /// The detector options with the retry pass, or a `ValidationError` naming the bad value.
    func settings(_ options: MTCNNOptions) throws -> DetectionSettings {
        guard retryThresholds != "none" else { return DetectionSettings(options: options, retry: nil) }
        let parts = retryThresholds.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, parts.allSatisfy({ (0...1).contains($0) }) else {
            throw ValidationError("--retry-thresholds needs three comma-separated numbers from 0 to 1, or none, got '\(retryThresholds)'")
        }
        var retry = options
        retry.thresholds = (parts[0], parts[1], parts[2])
        return DetectionSettings(options: options, retry: retry)
    }

    /// The cache named by --detections-cache, read (nil without the flag).
    func cache(for settings: DetectionSettings) throws(DetectionCacheError) -> DetectionCache? {
        guard let detectionsCache else { return nil }
        return try DetectionCache(path: detectionsCache, settings: settings)
    }
}
