import Foundation
import Testing
@testable import NeuralEngine

struct VectorExponentialTests {
    @Test func agreesWithFoundationAcrossTheFloatRange() {
        var worst: Double = 0
        var x: Float = -87
        while x < 88 {
            let values = VectorExponential.exp(SIMD8<Float>((0..<8).map { x + Float($0) * 0.0137 }))
            for k in 0..<8 {
                let argument = Double(x + Float(k) * 0.0137)
                let exact = Foundation.exp(argument)
                worst = max(worst, abs(Double(values[k]) - exact) / exact)
            }
            x += 0.1
        }
        #expect(worst < 4e-7)
    }

    @Test func underflowsToZeroAndKeepsExactPoints() {
        let values = VectorExponential.exp(SIMD8<Float>(-200, -88, 0, 1, -1, 0.5, -Float.infinity, 2))
        #expect(values[0] == 0)
        #expect(values[1] == 0)
        #expect(values[2] == 1)
        #expect(abs(values[3] - Float(M_E)) < 1e-6)
        #expect(abs(values[4] - Float(1 / M_E)) < 1e-7)
        #expect(values[6] == 0)
    }

    @Test func exponentiatesARunWithATail() {
        var values = (0..<13).map { Float($0) * -0.75 }
        values.withUnsafeMutableBufferPointer { VectorExponential.exponentiate($0.baseAddress!, count: $0.count) }
        for (k, value) in values.enumerated() {
            #expect(abs(Double(value) - Foundation.exp(Double(k) * -0.75)) < 1e-7)
        }
    }
}
