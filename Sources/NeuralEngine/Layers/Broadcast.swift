/// NumPy-style broadcasting of two tensors for element-wise operations.
enum Broadcast {
    /// The broadcast shape of `a` and `b`, or nil when they are incompatible.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        let pa = Array(repeating: 1, count: rank - a.count) + a
        let pb = Array(repeating: 1, count: rank - b.count) + b
        var result = [Int]()
        for (x, y) in zip(pa, pb) {
            if x == y || y == 1 { result.append(x) } else if x == 1 { result.append(y) } else { return nil }
        }
        return result
    }

    /// Applies `op` element-wise to `a` and `b` broadcast against each other.
    static func apply(_ a: Tensor, _ b: Tensor, name: String, _ op: (Float, Float) -> Float) throws(EngineError) -> Tensor {
        guard let outShape = shape(a.shape, b.shape) else {
            throw EngineError(name, "cannot broadcast \(a) with \(b)")
        }
        if a.shape == b.shape {
            return Tensor(shape: outShape) { out in
                for i in 0..<out.count { out[i] = op(a.values[i], b.values[i]) }
            }
        }
        if b.count == 1, a.shape == outShape {
            let s = b.values[0]
            return Tensor(shape: outShape) { out in
                for i in 0..<out.count { out[i] = op(a.values[i], s) }
            }
        }
        if let axis = singleVaryingAxis(of: b.shape, within: outShape), a.shape == outShape {
            let inner = outShape[(axis + 1)...].reduce(1, *)
            let length = outShape[axis]
            return Tensor(shape: outShape) { out in
                for i in 0..<out.count { out[i] = op(a.values[i], b.values[(i / inner) % length]) }
            }
        }
        let stridesA = strides(of: a.shape, in: outShape)
        let stridesB = strides(of: b.shape, in: outShape)
        return Tensor(shape: outShape) { out in
            var index = [Int](repeating: 0, count: outShape.count)
            for i in 0..<out.count {
                var ia = 0, ib = 0
                for d in 0..<outShape.count {
                    ia += index[d] * stridesA[d]
                    ib += index[d] * stridesB[d]
                }
                out[i] = op(a.values[ia], b.values[ib])
                var d = outShape.count - 1
                while d >= 0 {
                    index[d] += 1
                    if index[d] < outShape[d] { break }
                    index[d] = 0
                    d -= 1
                }
            }
        }
    }

    /// When `shape` (right-aligned in `full`) has exactly one axis longer than 1, that axis's index in `full`.
    static func singleVaryingAxis(of shape: [Int], within full: [Int]) -> Int? {
        let padded = Array(repeating: 1, count: full.count - shape.count) + shape
        let varying = padded.indices.filter { padded[$0] != 1 }
        guard varying.count == 1, padded[varying[0]] == full[varying[0]] else { return nil }
        return varying[0]
    }

    /// Element strides of `shape` when it is read as the broadcast shape `full` (0 along broadcast axes).
    static func strides(of shape: [Int], in full: [Int]) -> [Int] {
        let padded = Array(repeating: 1, count: full.count - shape.count) + shape
        var result = [Int](repeating: 0, count: full.count)
        var step = 1
        for d in stride(from: full.count - 1, through: 0, by: -1) {
            result[d] = padded[d] == 1 ? 0 : step
            step *= padded[d]
        }
        return result
    }
}
