// swift-tools-version:6.0
import PackageDescription

/// Hot loops (convolutions, resampling, pooling) run without bounds checks in release builds, and on x86-64
/// use AVX2 and FMA (the Haswell feature level: Intel since 2013, AMD since 2015).
#if arch(x86_64)
let vectorISA = ["-target-cpu", "haswell"]
#else
let vectorISA: [String] = []
#endif
let fastMath: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-enforce-exclusivity=unchecked"] + vectorISA, .when(configuration: .release)),
]
/// The numeric modules are optimised in debug builds too (keeping bounds and exclusivity checks): unoptimised,
/// their SIMD code runs ten to a hundred times slower, and the tests that detect, embed and train on real faces
/// would take most of the test run.
let numericSettings: [SwiftSetting] = fastMath + [
    .unsafeFlags(["-O"] + vectorISA, .when(configuration: .debug)),
]

let package = Package(
    name: "facewatch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "facewatch", targets: ["facewatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System libraries, found through pkg-config.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CFFmpeg", pkgConfig: "libavformat libavcodec libswscale libavutil",
            providers: [.apt(["libavformat-dev", "libavcodec-dev", "libswscale-dev", "libavutil-dev"])]),

        // Small shared pieces with no dependencies: whole-file I/O through libc, one-line error text, sd_notify.
        .target(name: "FacewatchSupport"),
        // Reading and writing ONNX files: protobuf wire format and the ONNX message tree.
        .target(name: "ONNXFormat", dependencies: ["FacewatchSupport"]),
        // Reading dlib's serialised networks (the face-recognition ResNet's .dat file).
        .target(name: "DlibFormat", dependencies: ["FacewatchSupport"]),
        // Tensors, layers, runnable graphs built from model files, and trainable layers with backward passes and optimisers.
        .target(name: "NeuralEngine", dependencies: ["CBLAS", "ONNXFormat", "DlibFormat"], swiftSettings: numericSettings),
        // Images as pixels, resampling, drawing, the MTCNN detector, alignment, face embedders (dlib, ONNX).
        .target(name: "FaceVision", dependencies: ["NeuralEngine", "ONNXFormat", "FacewatchSupport"], swiftSettings: numericSettings),
        // Who is who: the enrolled people and their descriptors in SQLite, nearest-match search.
        .target(
            name: "FaceIdentity",
            dependencies: ["CBLAS", "FacewatchSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: fastMath),
        // Training and evaluating embedders: pair evaluation (10-fold accuracy, ROC), losses (softmax cross-entropy,
        // center, triplet), triplet selection, learning-rate schedules; later the trainer.
        .target(name: "FaceTrain", dependencies: ["NeuralEngine", "FaceVision", "FacewatchSupport"], swiftSettings: numericSettings),
        // Following faces from frame to frame: motion filter, assignment, track lifecycle.
        .target(name: "FaceTrack", dependencies: ["FaceVision"]),
        // Media files through FFmpeg: image decode/encode (later: video and RTSP).
        .target(name: "FaceMedia", dependencies: ["CFFmpeg", "FaceVision", "FacewatchSupport"], swiftSettings: fastMath),
        // The daemon's configuration file: YAML read through Yams' node tree, every key defaulted and checked.
        .target(name: "FacewatchConfig", dependencies: ["FacewatchSupport", .product(name: "Yams", package: "Yams")]),
        // Events as versioned JSON lines: the log, the Unix-socket broadcast to subscribers, the subscriber client.
        .target(name: "FaceEvents", dependencies: ["FacewatchSupport"]),
        // The daemon's pipeline: stream readers with reconnection, bounded queues, per-stream analysis (detect,
        // track, embed, match), events.
        .target(
            name: "FaceStream",
            dependencies: ["FaceMedia", "FaceVision", "FaceTrack", "FaceIdentity", "FaceEvents", "FacewatchSupport"]),
        // The command-line tool and daemon.
        .executableTarget(
            name: "facewatch",
            dependencies: [
                "FaceVision", "FaceMedia", "NeuralEngine", "FaceTrain", "FaceIdentity", "FacewatchConfig",
                "FaceEvents", "FaceStream", "FaceTrack", "FacewatchSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(name: "FacewatchSupportTests", dependencies: ["FacewatchSupport"]),
        .testTarget(name: "FacewatchConfigTests", dependencies: ["FacewatchConfig", "FacewatchSupport"]),
        .testTarget(name: "ONNXFormatTests", dependencies: ["ONNXFormat", "FacewatchSupport"]),
        .testTarget(name: "DlibFormatTests", dependencies: ["DlibFormat", "FacewatchSupport"]),
        .testTarget(name: "FaceIdentityTests", dependencies: ["FaceIdentity"]),
        .testTarget(name: "FaceEventsTests", dependencies: ["FaceEvents", "FacewatchSupport"]),
        .testTarget(name: "FaceStreamTests", dependencies: ["FaceStream", "FaceMedia", "FaceEvents", "FaceVision", "FaceIdentity"]),
        .testTarget(name: "FaceTrackTests", dependencies: ["FaceTrack", "FaceVision", "FacewatchSupport"]),
        .testTarget(name: "FaceTrainTests", dependencies: ["FaceTrain", "FaceVision", "NeuralEngine", "FacewatchSupport"]),
        .testTarget(name: "NeuralEngineTests", dependencies: ["NeuralEngine", "ONNXFormat", "FacewatchSupport"]),
        .testTarget(name: "FaceVisionTests", dependencies: ["FaceVision", "NeuralEngine", "ONNXFormat", "FaceIdentity", "FacewatchSupport"]),
        .testTarget(name: "FaceMediaTests", dependencies: ["FaceMedia", "FaceVision"]),
        // Detection and embedding with the real model files the setup installs.
        .testTarget(name: "RealModelTests", dependencies: ["FaceMedia", "FaceVision", "NeuralEngine", "ONNXFormat"]),
        .testTarget(name: "CLITests", dependencies: ["facewatch", "ONNXFormat"]),
        // `facewatch run` end to end: RTSP outages against tools/rtsp_server.py, subscribers, shutdown, bad input.
        .testTarget(name: "DaemonTests", dependencies: ["facewatch", "FaceEvents", "FaceMedia", "FacewatchSupport"]),
    ]
)
