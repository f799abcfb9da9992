import Testing
@testable import NeuralEngine

/// Optimiser steps on a dense layer whose weight (decaying) and bias (not decaying) have gradients set by hand.
@Suite struct OptimizerTests {
    private func layer(weight: Float, bias: Float) throws -> DenseLayer {
        try DenseLayer(weight: Tensor(shape: [1, 1], values: [weight]), bias: Tensor(shape: [1], values: [bias]))
    }

    private func setGradients(_ layer: inout DenseLayer, weight: Float, bias: Float) {
        layer.weight.gradient.values = [weight]
        layer.bias!.gradient.values = [bias]
    }

    /// lr 0.1, momentum 0.9, decay 0.1. Weight 1, gradient 0.5: g = 0.5 + 0.1·1 = 0.6, v = 0.6, w = 0.94;
    /// then g = 0.5 + 0.094 = 0.594, v = 0.54 + 0.594 = 1.134, w = 0.8266.
    /// Bias 0, gradient 1, no decay: v = 1, b = −0.1; v = 1.9, b = −0.29.
    @Test func momentumWithWeightDecay() throws {
        var model = try layer(weight: 1, bias: 0)
        var sgd = MomentumSGD(momentum: 0.9, weightDecay: 0.1)
        setGradients(&model, weight: 0.5, bias: 1)
        sgd.step(&model, learningRate: 0.1)
        #expect(abs(model.weight.value.values[0] - 0.94) < 1e-6)
        #expect(abs(model.bias!.value.values[0] + 0.1) < 1e-6)
        #expect(model.weight.gradient.values == [0] && model.bias!.gradient.values == [0], "a step consumes the gradients")
        setGradients(&model, weight: 0.5, bias: 1)
        sgd.step(&model, learningRate: 0.1)
        #expect(abs(model.weight.value.values[0] - 0.8266) < 1e-6)
        #expect(abs(model.bias!.value.values[0] + 0.29) < 1e-6)
    }

    /// β₁ 0.9, β₂ 0.999, lr 0.1. Step 1, g = 0.5: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25, w = 1 − 0.1·1 = 0.9.
    /// Step 2, g = −0.25: m = 0.045 − 0.025 = 0.02, v = 0.00024975 + 0.0000625 = 0.00031225,
    /// m̂ = 0.02/0.19 = 0.1052632, v̂ = 0.00031225/0.001999 = 0.1562031, √v̂ = 0.3952254,
    /// w = 0.9 − 0.1·0.2663370 = 0.8733663.
    @Test func adamTwoSteps() throws {
        var model = try layer(weight: 1, bias: 0)
        var adam = Adam()
        setGradients(&model, weight: 0.5, bias: 0)
        adam.step(&model, learningRate: 0.1)
        #expect(abs(model.weight.value.values[0] - 0.9) < 1e-6)
        #expect(model.bias!.value.values == [0])
        setGradients(&model, weight: -0.25, bias: 0)
        adam.step(&model, learningRate: 0.1)
        #expect(abs(model.weight.value.values[0] - 0.8733663) < 2e-6)
        #expect(adam.stepCount == 2)
    }

    /// Weight 1, gradient 0.5, decay 0.1, lr 0.1, first step. L2 in the gradient: g = 0.6, m̂/√v̂ = 1, w = 0.9.
    /// Decoupled (AdamW): m̂/√v̂ = 1 from g = 0.5, plus 0.1·1: w = 1 − 0.1·1.1 = 0.89. The bias never decays.
    @Test func adamWeightDecayModes() throws {
        for (mode, expected) in [(Adam.WeightDecayMode.l2InGradient, Float(0.9)), (.decoupled, 0.89)] {
            var model = try layer(weight: 1, bias: 1)
            var adam = Adam(weightDecay: 0.1, weightDecayMode: mode)
            setGradients(&model, weight: 0.5, bias: 0)
            adam.step(&model, learningRate: 0.1)
            #expect(abs(model.weight.value.values[0] - expected) < 1e-6, "\(mode)")
            #expect(model.bias!.value.values == [1], "\(mode)")
        }
    }
}
