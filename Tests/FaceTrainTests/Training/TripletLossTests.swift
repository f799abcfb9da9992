import FaceTrain
import NeuralEngine
import Testing

@Suite struct TripletLossTests {
    /// Margin 0.2. Triplet 0: a = (0, 0), p = (0.3, 0), n = (0.4, 0): 0.09 − 0.16 + 0.2 = 0.13, active.
    /// Triplet 1: a = (0, 0), p = (0, 0.1), n = (1, 0): 0.01 − 1 + 0.2 < 0, inactive. Mean 0.065.
    /// Triplet 0's gradient over T = 2: anchor 2(n − p)/2 = (0.1, 0), positive 2(p − a)/2 = (0.3, 0),
    /// negative 2(a − n)/2 = (−0.4, 0); triplet 1 gets none.
    @Test func handWorkedTriplets() throws {
        let embeddings = Tensor(shape: [6, 2], values: [0, 0, 0.3, 0, 0.4, 0, 0, 0, 0, 0.1, 1, 0])
        let result = try TripletLoss().evaluate(embeddings: embeddings)
        #expect(abs(result.loss - 0.065) < 1e-7)
        #expect(result.activeTriplets == 1 && result.tripletCount == 2)
        let expected: [Float] = [0.1, 0, 0.3, 0, -0.4, 0, 0, 0, 0, 0, 0, 0]
        #expect(zip(result.gradient.values, expected).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func rejectsRowsThatAreNotTriplets() {
        #expect(throws: LossInputError.self) { try TripletLoss().evaluate(embeddings: Tensor(shape: [4, 2], repeating: 0)) }
    }
}
