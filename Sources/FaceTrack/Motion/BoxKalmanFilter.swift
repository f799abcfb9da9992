import FaceVision

/// Estimates where a face box is and where it is heading from noisy observations taken at irregular times, and
/// predicts where it will be: a constant-velocity Kalman filter.
///
/// The state is the box's centre x, centre y, width and height, each with its velocity (eight numbers); width and
/// height are filtered separately because the detector's boxes are not always square. Process and observation
/// noise are independent per coordinate (`BoxMotionNoise`, scaled by the current box size), so the 8×8 filter
/// splits exactly into four independent 2×2 filters, which is how it is computed.
public struct BoxKalmanFilter: Sendable, Equatable {
    public let noise: BoxMotionNoise
    /// The time, in seconds, that the estimate refers to.
    public private(set) var time: Double

    private var centreX: CoordinateFilter
    private var centreY: CoordinateFilter
    private var width: CoordinateFilter
    private var height: CoordinateFilter

    /// The smallest width or height `box` reports, in pixels, however far a shrinking prediction runs.
    public static let minimumSide = 1.0

    /// Starts at `box`, observed at `time`, with an unknown velocity.
    public init(observing box: Box, at time: Double, noise: BoxMotionNoise = BoxMotionNoise()) {
        self.noise = noise
        self.time = time
        let size = Self.size(width: box.width, height: box.height)
        let jitter = square(noise.observationJitter * size)
        let centreSpeed = square(noise.initialCentreSpeed * size)
        let sizeSpeed = square(noise.initialSizeSpeed * size)
        centreX = CoordinateFilter(value: box.x + box.width / 2, valueVariance: jitter, velocityVariance: centreSpeed)
        centreY = CoordinateFilter(value: box.y + box.height / 2, valueVariance: jitter, velocityVariance: centreSpeed)
        width = CoordinateFilter(value: box.width, valueVariance: jitter, velocityVariance: sizeSpeed)
        height = CoordinateFilter(value: box.height, valueVariance: jitter, velocityVariance: sizeSpeed)
    }

    /// The estimated box at `time`; width and height are at least `minimumSide`.
    public var box: Box {
        let boxWidth = max(width.value, Self.minimumSide)
        let boxHeight = max(height.value, Self.minimumSide)
        return Box(x: centreX.value - boxWidth / 2, y: centreY.value - boxHeight / 2, width: boxWidth, height: boxHeight)
    }

    /// The estimated velocity of the box's centre, in pixels per second.
    public var centreVelocity: Point2D { Point2D(x: centreX.velocity, y: centreY.velocity) }

    /// The estimated rate of change of the width and height, in pixels per second.
    public var sizeVelocity: (width: Double, height: Double) { (width.velocity, height.velocity) }

    /// The standard deviation of the centre estimate in pixels (root mean of the x and y variances): small after
    /// steady observations, growing while the box is only predicted.
    public var centreUncertainty: Double { ((centreX.valueVariance + centreY.valueVariance) / 2).squareRoot() }

    /// Moves the estimate on to `time`. A time at or before the current one changes nothing.
    public mutating func predict(to newTime: Double) {
        guard newTime > time else { return }
        let elapsed = newTime - time
        let size = currentSize
        let centreDensity = square(noise.centreAcceleration * size)
        let sizeDensity = square(noise.sizeAcceleration * size)
        centreX.predict(elapsed: elapsed, accelerationDensity: centreDensity)
        centreY.predict(elapsed: elapsed, accelerationDensity: centreDensity)
        width.predict(elapsed: elapsed, accelerationDensity: sizeDensity)
        height.predict(elapsed: elapsed, accelerationDensity: sizeDensity)
        time = newTime
    }

    /// Corrects the estimate with a box observed at the current `time` (call `predict(to:)` first).
    public mutating func update(with observed: Box) {
        let variance = square(noise.observationJitter * currentSize)
        centreX.update(observed: observed.x + observed.width / 2, observationVariance: variance)
        centreY.update(observed: observed.y + observed.height / 2, observationVariance: variance)
        width.update(observed: observed.width, observationVariance: variance)
        height.update(observed: observed.height, observationVariance: variance)
    }

    private var currentSize: Double {
        Self.size(width: max(width.value, Self.minimumSide), height: max(height.value, Self.minimumSide))
    }

    private static func size(width: Double, height: Double) -> Double {
        max((width + height) / 2, minimumSide)
    }
}

private func square(_ value: Double) -> Double { value * value }
