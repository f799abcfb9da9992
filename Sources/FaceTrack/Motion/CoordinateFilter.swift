/// A Kalman filter for one coordinate that moves at a nearly constant velocity and is observed directly: the
/// building block of `BoxKalmanFilter`, which runs one per box coordinate.
///
/// State `(value, velocity)`; transition `F = [1 dt; 0 1]`; process noise from white acceleration of spectral
/// density `q`: `Q = q [dt³/3 dt²/2; dt²/2 dt]`; observation `H = [1 0]` with variance `r`.
struct CoordinateFilter: Sendable, Equatable {
    private(set) var state: Vector2
    private(set) var covariance: Matrix2

    var value: Double { state.first }
    var velocity: Double { state.second }
    var valueVariance: Double { covariance.a11 }
    var velocityVariance: Double { covariance.a22 }

    init(value: Double, valueVariance: Double, velocityVariance: Double) {
        state = Vector2(value, 0)
        covariance = .diagonal(valueVariance, velocityVariance)
    }

    /// Moves the state `elapsed` seconds on; `accelerationDensity` is `q`, in units² per second³.
    mutating func predict(elapsed: Double, accelerationDensity: Double) {
        guard elapsed > 0 else { return }
        let transition = Matrix2(a11: 1, a12: elapsed, a21: 0, a22: 1)
        let squared = elapsed * elapsed
        let processNoise = accelerationDensity * Matrix2(
            a11: squared * elapsed / 3, a12: squared / 2, a21: squared / 2, a22: elapsed)
        state = transition * state
        covariance = transition * covariance * transition.transposed + processNoise
    }

    /// Folds in an observation of the value with variance `observationVariance` (Joseph form, which keeps the
    /// covariance symmetric and positive).
    mutating func update(observed: Double, observationVariance: Double) {
        let innovationVariance = covariance.a11 + observationVariance
        let gain = (1 / innovationVariance) * Vector2(covariance.a11, covariance.a21)
        state = state + (observed - state.first) * gain
        let keep = Matrix2(a11: 1 - gain.first, a12: 0, a21: -gain.second, a22: 1)
        covariance = keep * covariance * keep.transposed + observationVariance * .outer(gain, gain)
    }
}
