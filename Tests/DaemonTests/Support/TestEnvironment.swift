import Foundation

/// Where the daemon tests find what they run: the `facewatch` executable built beside the test bundle, the
/// models, the checkout's tools, the programs that make fixtures, and the photo the face clips are cut from.
enum TestEnvironment {
    /// `facewatch`, built by `swift build --build-tests` in the same directory as the test bundle.
    static var facewatch: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("facewatch").path
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// `$FACEWATCH_MODELS`, else the checkout's `models/` (filled by scripts/setup and scripts/test).
    static var modelsDirectory: String {
        if let path = ProcessInfo.processInfo.environment["FACEWATCH_MODELS"], !path.isEmpty { return path }
        return packageRoot + "/models"
    }

    static var hasModels: Bool {
        ["pnet.onnx", "rnet.onnx", "onet.onnx", "dlib_face_recognition_resnet_model_v1.dat"].allSatisfy {
            FileManager.default.fileExists(atPath: modelsDirectory + "/" + $0)
        }
    }

    static let rtspServerScript = packageRoot + "/tools/rtsp_server.py"

    static let ffmpeg: String? = ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// A portrait with one clear face (scikit-image's sample data, installed by scripts/setup).
    static let astronaut = "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"

    /// What the daemon end-to-end tests need from the machine; nil when everything is there, else what is missing.
    static let missingPrerequisite: String? = {
        if !FileManager.default.isExecutableFile(atPath: facewatch) { return "no facewatch executable at \(facewatch)" }
        if !hasModels { return "no models in \(modelsDirectory) (scripts/setup --deps-only installs them)" }
        if ffmpeg == nil { return "no ffmpeg command to make the test clips" }
        if !FileManager.default.fileExists(atPath: astronaut) { return "no \(astronaut) (Debian package python3-skimage)" }
        return nil
    }()
}
