extension FacewatchConfiguration {
    static let knownKeys = [
        "models", "gallery", "workers", "streams", "detection", "tracking", "recognition", "embedder", "events",
    ]

    /// Reads the document's root: a mapping, or null for an empty file.
    init(reading root: ConfigurationValue) throws(ConfigurationError) {
        self.init()
        if root.isNull { return }
        let mapping = try root.mapping(knownKeys: Self.knownKeys)
        if let value = mapping["models"] { modelsDirectory = try value.path(expected: "a directory path") }
        if let value = mapping["gallery"] { galleryPath = try value.path(expected: "a file path") }
        if let value = mapping["workers"] {
            workers = try value.integer(0...1024, expected: "an integer from 0 (one per CPU core) to 1024")
        }
        if let value = mapping["detection"] { detection = try DetectionConfiguration(reading: value) }
        if let value = mapping["streams"] {
            streams = try StreamConfiguration.readList(value, defaultMinFace: detection.minFace)
        }
        if let value = mapping["tracking"] { tracking = try TrackingConfiguration(reading: value) }
        if let value = mapping["recognition"] { recognition = try RecognitionConfiguration(reading: value) }
        if let value = mapping["embedder"] {
            embedder = try EmbedderConfiguration(reading: value)
            mirrorAverage = try EmbedderConfiguration.mirrorAverage(reading: value)
        }
        if let value = mapping["events"] { events = try EventsConfiguration(reading: value) }
    }
}
