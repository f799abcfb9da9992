extension TrackingConfiguration {
    init(reading value: ConfigurationValue) throws(ConfigurationError) {
        let mapping = try value.mapping(knownKeys: ["iou_threshold", "confirm_hits", "max_lost_seconds", "refine", "search_missed"])
        self.init()
        if let value = mapping["iou_threshold"] { iouThreshold = try value.number(inOpenRange: 0...1) }
        if let value = mapping["confirm_hits"] { confirmHits = try value.integer(atLeast: 1) }
        if let value = mapping["max_lost_seconds"] { maximumLostTime = try value.positiveDuration() }
        if let value = mapping["refine"] { refine = try value.boolean() }
        if let value = mapping["search_missed"] { searchMissed = try value.boolean() }
    }
}
