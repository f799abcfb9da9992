extension RecognitionConfiguration {
    init(reading value: ConfigurationValue) throws(ConfigurationError) {
        let mapping = try value.mapping(
            knownKeys: ["threshold", "min_embeddings", "unknown_after", "embed_every", "embeddings_per_frame", "switch_margin"])
        self.init()
        if let value = mapping["threshold"] { threshold = try value.positiveNumber() }
        let minimum = mapping["min_embeddings"]
        let unknown = mapping["unknown_after"]
        if let minimum { minEmbeddings = try minimum.integer(atLeast: 1) }
        if let unknown { unknownAfter = try unknown.integer(atLeast: 1) }
        if let value = mapping["embed_every"] { embedEvery = try value.integer(atLeast: 1) }
        if let value = mapping["embeddings_per_frame"] { embeddingsPerFrame = try value.integer(atLeast: 1) }
        if let value = mapping["switch_margin"] { switchMargin = try value.number(expected: "a number ≥ 0") { $0 >= 0 } }
        guard unknownAfter >= minEmbeddings else {
            let blamed = unknown ?? minimum ?? value
            throw blamed.conflict(
                "unknown_after (\(unknownAfter)) is less than min_embeddings (\(minEmbeddings)); "
                    + "a track can only be called unknown once it has had its first decision")
        }
    }
}
