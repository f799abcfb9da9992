import ArgumentParser
import FaceVision

/// The detector flags shared by every command that finds faces.
struct DetectionOptions: ParsableArguments {
    @Option(name: .customLong("models"), help: "Directory holding pnet.onnx, rnet.onnx, onet.onnx and dlib's dlib_face_recognition_resnet_model_v1.dat (default: $FACEWATCH_MODELS, the daemon's configuration file ($FACEWATCH_CONFIG or /etc/facewatch/facewatch.yaml when present), ./models, the checkout's models/, /var/lib/facewatch/models).")
    var modelsDirectory: String?

    @Option(name: .customLong("min-face"), help: "Smallest face to look for, in pixels.")
    var minimumFace: Double = 20

    @Option(help: "P-Net, R-Net and O-Net score thresholds, comma-separated.")
    var thresholds: String = "0.6,0.7,0.7"

    @Option(help: "Ratio between image pyramid levels.")
    var factor: Double = 0.709

    func mtcnnOptions() throws -> MTCNNOptions {
        let parts = thresholds.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3 else {
            throw ValidationError("--thresholds needs three comma-separated numbers, got '\(thresholds)'")
        }
        do {
            return try MTCNNOptions(minimumFaceSize: minimumFace, scaleFactor: factor,
                                    thresholds: (parts[0], parts[1], parts[2])).validated()
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func loadDetector() throws -> MTCNNDetector {
        try MTCNNDetector(modelsDirectory: ModelsLocation.resolve(modelsDirectory))
    }
}

import Foundation
