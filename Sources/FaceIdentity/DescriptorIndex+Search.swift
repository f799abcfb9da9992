import CBLAS

/// Nearest-person search: for a block of queries, one `cblas_sgemm` (sgemv for a lone query) gives every
/// query·descriptor product; with the row constants precomputed at insertion, that ranks all descriptors
/// (Euclidean: d² = |q|² + |g|² − 2 q·g, where |q|² is the same for every row and can be dropped; cosine:
/// 1 − q·g / (|q| |g|)). The winning row's distance is then recomputed directly from the two vectors, free of
/// the cancellation the expanded form suffers when q ≈ g. A person's distance is that of their closest
/// descriptor.
extension DescriptorIndex {
    /// The scratch product matrix of one block holds at most this many values (64 MiB); batches larger than
    /// that are searched in blocks of queries, one sgemm each.
    static let productBudget = 16 << 20

    public func nearest(to query: [Float]) -> NearestPerson? {
        nearest(to: [query])[0]
    }

    /// One answer per query, in order; nil for every query when the index is empty.
    public func nearest(to queries: [[Float]]) -> [NearestPerson?] {
        nearest(to: queries, productBudget: Self.productBudget)
    }

    func nearest(to queries: [[Float]], productBudget: Int) -> [NearestPerson?] {
        var results: [NearestPerson?] = []
        results.reserveCapacity(queries.count)
        forEachProductRow(of: queries, productBudget: productBudget) { query, products in
            guard let row = bestRow(products: products) else {
                results.append(nil)
                return
            }
            results.append(NearestPerson(person: people[Int(personOfRow[row])], distance: distance(query, toRow: row)))
        }
        return results
    }

    public func match(_ query: [Float], threshold: Float) -> Match {
        Match(nearest: nearest(to: query), threshold: threshold)
    }

    public func match(_ queries: [[Float]], threshold: Float) -> [Match] {
        nearest(to: queries).map { Match(nearest: $0, threshold: threshold) }
    }

    /// The `limit` closest people to `query`, each at the distance of their closest descriptor, nearest first.
    public func ranking(for query: [Float], limit: Int) -> [NearestPerson] {
        var ranking: [NearestPerson] = []
        forEachProductRow(of: [query], productBudget: Self.productBudget) { query, products in
            var bestRowOfPerson = [Int](repeating: -1, count: people.count)
            var bestScoreOfPerson = [Float](repeating: .infinity, count: people.count)
            for row in 0..<count {
                let person = Int(personOfRow[row])
                let score = self.score(product: products[row], row: row)
                if score < bestScoreOfPerson[person] {
                    bestScoreOfPerson[person] = score
                    bestRowOfPerson[person] = row
                }
            }
            let closest = bestRowOfPerson.indices.filter { bestRowOfPerson[$0] >= 0 }
                .sorted { bestScoreOfPerson[$0] < bestScoreOfPerson[$1] }
                .prefix(max(0, limit))
            ranking = closest.map { person in
                NearestPerson(person: people[person], distance: distance(query, toRow: bestRowOfPerson[person]))
            }
            .sorted { $0.distance < $1.distance }
        }
        return ranking
    }

    /// Calls `body` for each query with its products against every row (q·g for row g), computing them a block
    /// of queries at a time.
    private func forEachProductRow(
        of queries: [[Float]], productBudget: Int, _ body: ([Float], UnsafeBufferPointer<Float>) -> Void
    ) {
        for query in queries {
            precondition(query.count == dimension, "query has \(query.count) values, the index holds \(dimension)")
        }
        guard !queries.isEmpty else { return }
        guard !isEmpty else {
            for query in queries { body(query, UnsafeBufferPointer(start: nil, count: 0)) }
            return
        }
        let queriesPerBlock = max(1, min(queries.count, productBudget / count))
        var products = [Float](repeating: 0, count: queriesPerBlock * count)
        var block: [Float] = []
        block.reserveCapacity(queriesPerBlock * dimension)
        for blockStart in stride(from: 0, to: queries.count, by: queriesPerBlock) {
            let blockQueries = queries[blockStart..<min(blockStart + queriesPerBlock, queries.count)]
            block.removeAll(keepingCapacity: true)
            for query in blockQueries { block.append(contentsOf: query) }
            multiply(block, queryCount: blockQueries.count, into: &products)
            products.withUnsafeBufferPointer { all in
                for (offset, query) in blockQueries.enumerated() {
                    body(query, UnsafeBufferPointer(rebasing: all[(offset * count)..<((offset + 1) * count)]))
                }
            }
        }
    }

    /// products[queryCount × count] = queries[queryCount × dimension] · matrixᵀ. A single query is the same
    /// product done by sgemv, which streams the gallery once instead of packing it first (about twice as fast
    /// at 100,000 × 128 with OpenBLAS 0.3.21).
    private func multiply(_ queries: [Float], queryCount: Int, into products: inout [Float]) {
        let rows = count
        let dimension = dimension
        queries.withUnsafeBufferPointer { queries in
            matrix.withUnsafeBufferPointer { gallery in
                products.withUnsafeMutableBufferPointer { products in
                    guard queryCount > 1 else {
                        cblas_sgemv(
                            CblasRowMajor, CblasNoTrans, Int32(rows), Int32(dimension),
                            1, gallery.baseAddress, Int32(dimension), queries.baseAddress, 1,
                            0, products.baseAddress, 1)
                        return
                    }
                    cblas_sgemm(
                        CblasRowMajor, CblasNoTrans, CblasTrans,
                        Int32(queryCount), Int32(rows), Int32(dimension),
                        1, queries.baseAddress, Int32(dimension),
                        gallery.baseAddress, Int32(dimension),
                        0, products.baseAddress, Int32(rows))
                }
            }
        }
    }

    /// A quantity that orders rows as their distance to the query does (smaller is nearer) but omits the terms
    /// that are the same for every row.
    @inline(__always)
    private func score(product: Float, row: Int) -> Float {
        switch metric {
        case .euclidean: return rowConstants[row] - 2 * product
        case .cosine: return -product * rowConstants[row]
        }
    }

    private func bestRow(products: UnsafeBufferPointer<Float>) -> Int? {
        guard !products.isEmpty else { return nil }
        var best = 0
        var bestScore = Float.infinity
        rowConstants.withUnsafeBufferPointer { constants in
            switch metric {
            case .euclidean:
                for row in 0..<products.count {
                    let score = constants[row] - 2 * products[row]
                    if score < bestScore {
                        bestScore = score
                        best = row
                    }
                }
            case .cosine:
                for row in 0..<products.count {
                    let score = -products[row] * constants[row]
                    if score < bestScore {
                        bestScore = score
                        best = row
                    }
                }
            }
        }
        return best
    }

    /// The metric's distance between `query` and one row, computed directly from the two vectors.
    func distance(_ query: [Float], toRow row: Int) -> Float {
        let start = row * dimension
        switch metric {
        case .euclidean:
            var sum: Float = 0
            for index in 0..<dimension {
                let difference = query[index] - matrix[start + index]
                sum += difference * difference
            }
            return sum.squareRoot()
        case .cosine:
            var dot: Float = 0, queryNorm: Float = 0, rowNorm: Float = 0
            for index in 0..<dimension {
                dot += query[index] * matrix[start + index]
                queryNorm += query[index] * query[index]
                rowNorm += matrix[start + index] * matrix[start + index]
            }
            guard queryNorm > 0, rowNorm > 0 else { return 1 }
            return min(2, max(0, 1 - dot / (queryNorm.squareRoot() * rowNorm.squareRoot())))
        }
    }
}
