extension DetectionConfiguration {
    init(reading value: ConfigurationValue) throws(ConfigurationError) {
        let mapping = try value.mapping(knownKeys: ["min_face", "thresholds", "scale_factor"])
        self.init()
        if let value = mapping["min_face"] { minFace = try value.integer(atLeast: 12) }
        if let value = mapping["thresholds"] { thresholds = try CascadeThresholds(reading: value) }
        if let value = mapping["scale_factor"] { scaleFactor = try value.number(inOpenRange: 0.1...1) }
    }
}

extension CascadeThresholds {
    /// Reads `[pnet, rnet, onet]`, each strictly between 0 and 1.
    init(reading value: ConfigurationValue) throws(ConfigurationError) {
        let items = try value.list(expected: "a list of 3 numbers (P-Net, R-Net, O-Net)")
        guard items.count == 3 else { throw value.invalid(expected: "a list of 3 numbers (P-Net, R-Net, O-Net)") }
        self.init(
            pnet: try items[0].number(inOpenRange: 0...1), rnet: try items[1].number(inOpenRange: 0...1),
            onet: try items[2].number(inOpenRange: 0...1))
    }
}
