extension EmbedderConfiguration {
    static let onnxOnlyKeys = ["file", "input_size", "template"]

    init(reading value: ConfigurationValue) throws(ConfigurationError) {
        let mapping = try value.mapping(knownKeys: ["kind", "mirror_average"] + Self.onnxOnlyKeys)
        var kind = Kind.dlib
        if let value = mapping["kind"] { kind = try value.choice(Kind.self) }
        switch kind {
        case .dlib:
            for key in Self.onnxOnlyKeys {
                if let unused = mapping.entry(key) {
                    throw unused.conflict("only used when kind is onnx; this embedder's kind is dlib")
                }
            }
            self = .dlib
        case .onnx:
            var onnx = ONNXEmbedderConfiguration(file: try mapping.required("file").path(expected: "an ONNX model file"))
            if let value = mapping["input_size"] {
                onnx.inputSize = try value.integer(16...1024, expected: "an integer from 16 to 1024")
            }
            if let value = mapping["template"] { onnx.template = try value.choice(AlignmentTemplate.self) }
            self = .onnx(onnx)
        }
    }

    /// The section's `mirror_average` (either kind of embedder), false when absent.
    static func mirrorAverage(reading value: ConfigurationValue) throws(ConfigurationError) -> Bool {
        let mapping = try value.mapping(knownKeys: ["kind", "mirror_average"] + onnxOnlyKeys)
        guard let flag = mapping["mirror_average"] else { return false }
        return try flag.boolean()
    }
}
