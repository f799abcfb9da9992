import FaceTrack
import FaceVision
import Testing

@Suite struct BoxKalmanFilterTests {
    /// A box whose centre and size change linearly with time.
    struct LinearMotion {
        var start = Box(x: 100, y: 80, width: 60, height: 70)
        var velocity = (x: 90.0, y: -30.0, width: 6.0, height: 7.0)

        func box(at time: Double) -> Box {
            let width = start.width + velocity.width * time
            let height = start.height + velocity.height * time
            let centreX = start.x + start.width / 2 + velocity.x * time
            let centreY = start.y + start.height / 2 + velocity.y * time
            return Box(x: centreX - width / 2, y: centreY - height / 2, width: width, height: height)
        }
    }

    private static func largestEdgeError(_ box: Box, _ truth: Box) -> Double {
        [
            abs(box.x - truth.x), abs(box.y - truth.y),
            abs(box.x + box.width - truth.x - truth.width), abs(box.y + box.height - truth.y - truth.height),
        ].max()!
    }

    /// Exact observations at irregular times (frames dropped): after a few updates the filter knows the velocity
    /// and predicts a third of a second ahead to within a pixel; standing still would be off by 30 pixels.
    @Test func predictsALinearlyMovingBox() {
        let motion = LinearMotion()
        let times = [0.0, 0.033, 0.067, 0.1, 0.2, 0.233, 0.3, 0.4, 0.433, 0.467, 0.6, 0.633, 0.667, 0.7]
        var filter = BoxKalmanFilter(observing: motion.box(at: 0), at: 0)
        for time in times.dropFirst() {
            filter.predict(to: time)
            filter.update(with: motion.box(at: time))
        }
        let ahead = 1.0
        filter.predict(to: ahead)
        #expect(filter.time == ahead)
        #expect(Self.largestEdgeError(filter.box, motion.box(at: ahead)) < 1)
        #expect(Self.largestEdgeError(motion.box(at: 0.7), motion.box(at: ahead)) > 25)
        #expect(abs(filter.centreVelocity.x - motion.velocity.x) < 2)
        #expect(abs(filter.centreVelocity.y - motion.velocity.y) < 2)
        #expect(abs(filter.sizeVelocity.width - motion.velocity.width) < 1)
        #expect(abs(filter.sizeVelocity.height - motion.velocity.height) < 1)
    }

    /// With observations jittering by up to 4 pixels, the filtered box is closer to the truth than the observations.
    @Test func smoothsJitteryObservations() {
        let motion = LinearMotion(start: Box(x: 200, y: 150, width: 100, height: 100), velocity: (60, 20, 0, 0))
        var generator = SeededGenerator(seed: 11)
        var filter = BoxKalmanFilter(observing: motion.box(at: 0), at: 0)
        var observationError = 0.0
        var estimateError = 0.0
        for frame in 1...90 {
            let time = FaceFixtures.time(ofFrame: frame)
            var observed = motion.box(at: time)
            observed.x += Double.random(in: -4...4, using: &generator)
            observed.y += Double.random(in: -4...4, using: &generator)
            observed.width += Double.random(in: -4...4, using: &generator)
            observed.height += Double.random(in: -4...4, using: &generator)
            filter.predict(to: time)
            filter.update(with: observed)
            if frame > 30 {
                observationError += Self.largestEdgeError(observed, motion.box(at: time))
                estimateError += Self.largestEdgeError(filter.box, motion.box(at: time))
            }
        }
        #expect(estimateError < 0.7 * observationError)
    }

    @Test func uncertaintyGrowsWhilePredictingAndShrinksWithAnObservation() {
        let box = Box(x: 0, y: 0, width: 100, height: 100)
        var filter = BoxKalmanFilter(observing: box, at: 0)
        for frame in 1...10 {
            filter.predict(to: FaceFixtures.time(ofFrame: frame))
            filter.update(with: box)
        }
        let settled = filter.centreUncertainty
        filter.predict(to: 1)
        let predicted = filter.centreUncertainty
        filter.update(with: box)
        #expect(settled < 5)
        #expect(predicted > 2 * settled)
        #expect(filter.centreUncertainty < predicted)
    }

    @Test func anEarlierTimeChangesNothing() {
        var filter = BoxKalmanFilter(observing: Box(x: 0, y: 0, width: 50, height: 50), at: 1)
        filter.predict(to: 1.1)
        filter.update(with: Box(x: 10, y: 0, width: 50, height: 50))
        let before = filter
        filter.predict(to: 0.5)
        #expect(filter == before)
        #expect(filter.time == 1.1)
    }

    /// A box predicted to shrink past nothing keeps a positive size.
    @Test func shrinkingPredictionKeepsAMinimumSize() {
        var filter = BoxKalmanFilter(observing: Box(x: 0, y: 0, width: 40, height: 40), at: 0)
        for step in 1...5 {
            let side = 40 - 6 * Double(step)
            filter.predict(to: Double(step) * 0.1)
            filter.update(with: Box(x: 0, y: 0, width: side, height: side))
        }
        filter.predict(to: 10)
        #expect(filter.sizeVelocity.width < 0)
        #expect(filter.box.width == BoxKalmanFilter.minimumSide)
        #expect(filter.box.height == BoxKalmanFilter.minimumSide)
    }
}
