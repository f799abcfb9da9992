/// How much a face box is expected to jitter and to change its motion, each as a fraction of the box's size (the
/// mean of its width and height), so the same settings suit a face 40 pixels wide and one 400 pixels wide.
public struct BoxMotionNoise: Sendable, Equatable {
    /// Standard deviation of an observed box's centre, width and height around the true ones, as a fraction of the
    /// box size. The default 0.05 lets a 100-pixel face box jitter by about 5 pixels.
    public var observationJitter: Double
    /// Standard deviation of the change in the centre's velocity over one second, in box sizes per second: how
    /// abruptly a head may start, stop or turn.
    public var centreAcceleration: Double
    /// The same for the width and height (a face walking towards or away from the camera).
    public var sizeAcceleration: Double
    /// Standard deviation of a new box's unknown centre velocity, in box sizes per second.
    public var initialCentreSpeed: Double
    /// Standard deviation of a new box's unknown rate of growth, in box sizes per second.
    public var initialSizeSpeed: Double

    public init(
        observationJitter: Double = 0.05, centreAcceleration: Double = 1.0, sizeAcceleration: Double = 0.3,
        initialCentreSpeed: Double = 1.0, initialSizeSpeed: Double = 0.25
    ) {
        self.observationJitter = observationJitter
        self.centreAcceleration = centreAcceleration
        self.sizeAcceleration = sizeAcceleration
        self.initialCentreSpeed = initialCentreSpeed
        self.initialSizeSpeed = initialSizeSpeed
    }

    /// The settings by name, for validation messages.
    var namedValues: [(name: String, value: Double)] {
        [
            ("observation_jitter", observationJitter), ("centre_acceleration", centreAcceleration),
            ("size_acceleration", sizeAcceleration), ("initial_centre_speed", initialCentreSpeed),
            ("initial_size_speed", initialSizeSpeed),
        ]
    }
}
