/// Why a set of `TrackerOptions` cannot be used: which setting, and what its value must be; one line each.
public enum TrackerOptionsError: Error, CustomStringConvertible, Sendable, Equatable {
    case iouThresholdOutOfRange(Double)
    case confirmHitsBelowOne(Int)
    case maxLostSecondsOutOfRange(Double)
    case maxLostUpdatesBelowOne(Int)
    /// `name` is one of the settings of `BoxMotionNoise`, spelt as a config key (a fixed name, never user text).
    case motionNoiseNotPositive(name: String, value: Double)

    public var description: String {
        switch self {
        case .iouThresholdOutOfRange(let value):
            return "tracking.iou_threshold: \(value) is not in (0, 1]"
        case .confirmHitsBelowOne(let value):
            return "tracking.confirm_hits: \(value) is less than 1"
        case .maxLostSecondsOutOfRange(let value):
            return "tracking.max_lost_seconds: \(value) is not a finite number of seconds ≥ 0"
        case .maxLostUpdatesBelowOne(let value):
            return "tracking.max_lost_updates: \(value) is less than 1"
        case .motionNoiseNotPositive(let name, let value):
            return "tracking.\(name): \(value) is not a finite number > 0"
        }
    }
}

