/// Layout operations that move or relabel values without arithmetic.
public enum Layout {
    /// Permutes axes: output axis `i` is input axis `permutation[i]`.
    public static func transpose(_ input: Tensor, permutation: [Int]) throws(EngineError) -> Tensor {
        guard permutation.count == input.rank, Set(permutation) == Set(0..<input.rank) else {
            throw EngineError("Transpose", "permutation \(permutation) does not fit \(input)")
        }
        if permutation == Array(0..<input.rank) { return input }
        if let swap = BlockSwap(permutation: permutation, shape: input.shape) {
            return Tensor(shape: permutation.map { input.shape[$0] }) { out in
                input.values.withUnsafeBufferPointer { swap.apply($0.baseAddress!, into: out.baseAddress!) }
            }
        }
        let outShape = permutation.map { input.shape[$0] }
        var inStrides = [Int](repeating: 1, count: input.rank)
        for d in stride(from: input.rank - 2, through: 0, by: -1) { inStrides[d] = inStrides[d + 1] * input.shape[d + 1] }
        let strides = permutation.map { inStrides[$0] }
        let rank = outShape.count
        let innerLength = outShape[rank - 1], innerStride = strides[rank - 1]
        return Tensor(shape: outShape) { out in
            input.values.withUnsafeBufferPointer { src in
                var index = [Int](repeating: 0, count: rank)
                var o = 0
                let lines = innerLength == 0 ? 0 : out.count / innerLength
                for _ in 0..<lines {
                    var base = 0
                    for d in 0..<(rank - 1) { base += index[d] * strides[d] }
                    for j in 0..<innerLength { out[o + j] = src[base + j * innerStride] }
                    o += innerLength
                    var d = rank - 2
                    while d >= 0 {
                        index[d] += 1
                        if index[d] < outShape[d] { break }
                        index[d] = 0
                        d -= 1
                    }
                }
            }
        }
    }

    /// ONNX `Flatten`: `[d0 … d(axis−1)]` and `[d(axis) …]` each collapsed into one axis.
    public static func flatten(_ input: Tensor, axis: Int) throws(EngineError) -> Tensor {
        let a = axis < 0 ? axis + input.rank : axis
        guard a >= 0, a <= input.rank else { throw EngineError("Flatten", "axis \(axis) is outside \(input)") }
        return input.reshaped([input.shape[..<a].reduce(1, *), input.shape[a...].reduce(1, *)])
    }

    /// ONNX `Reshape`: 0 copies the input's size on that axis, −1 takes what is left.
    public static func reshape(_ input: Tensor, to requested: [Int]) throws(EngineError) -> Tensor {
        var shape = requested
        for i in shape.indices where shape[i] == 0 {
            guard i < input.rank else { throw EngineError("Reshape", "0 at axis \(i) but \(input) has no such axis") }
            shape[i] = input.shape[i]
        }
        let unknown = shape.indices.filter { shape[$0] == -1 }
        guard unknown.count <= 1, shape.allSatisfy({ $0 >= -1 }) else {
            throw EngineError("Reshape", "target shape \(requested) is invalid")
        }
        if let i = unknown.first {
            let known = shape.enumerated().filter { $0.offset != i }.map(\.element).reduce(1, *)
            guard known > 0, input.count % known == 0 else {
                throw EngineError("Reshape", "cannot reshape \(input) to \(requested)")
            }
            shape[i] = input.count / known
        }
        guard shape.reduce(1, *) == input.count else {
            throw EngineError("Reshape", "cannot reshape \(input) to \(requested)")
        }
        return input.reshaped(shape)
    }

    /// Joins tensors along one axis; all other axes must agree.
    public static func concatenate(_ inputs: [Tensor], axis: Int) throws(EngineError) -> Tensor {
        guard let first = inputs.first else { throw EngineError("Concat", "no inputs") }
        let a = axis < 0 ? axis + first.rank : axis
        guard a >= 0, a < first.rank else { throw EngineError("Concat", "axis \(axis) is outside \(first)") }
        for t in inputs where t.rank != first.rank
            || t.shape.enumerated().contains(where: { $0.offset != a && $0.element != first.shape[$0.offset] }) {
            throw EngineError("Concat", "\(t) does not match \(first) outside axis \(a)")
        }
        var shape = first.shape
        shape[a] = inputs.reduce(0) { $0 + $1.shape[a] }
        let outer = first.shape[..<a].reduce(1, *)
        let inner = first.shape[(a + 1)...].reduce(1, *)
        var values = [Float]()
        values.reserveCapacity(shape.reduce(1, *))
        for o in 0..<outer {
            for t in inputs {
                let block = t.shape[a] * inner
                values.append(contentsOf: t.values[(o * block)..<((o + 1) * block)])
            }
        }
        return Tensor(shape: shape, values: values)
    }
}
