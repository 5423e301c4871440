/// An arithmetic expression over bands (`(B4 - B1)/(B4 + B1)`), evaluated over whole
/// bands at once: one array per operation, no work per pixel beyond the arithmetic.
struct BandExpression: Sendable {
    indirect enum Node: Sendable {
        case number(Float)
        case band(Int)
        case negate(Node)
        case binary(Character, Node, Node)
    }

    let root: Node
    /// The 1-based bands the expression reads.
    let bands: [Int]

    init(_ text: String) throws(ArcGISError) {
        var parser = Parser(characters: Array(text), text: text)
        root = try parser.parseSum()
        parser.skipSpaces()
        if parser.position < parser.characters.count {
            throw parser.error("unexpected '\(parser.characters[parser.position])'")
        }
        bands = parser.bands
    }

    /// The expression's value at every pixel of `block` (bands 1-based).
    func evaluate(_ block: PixelBlock) -> [Float] { Self.evaluate(root, block) }

    private static func evaluate(_ node: Node, _ block: PixelBlock) -> [Float] {
        switch node {
        case .number(let value): return [Float](repeating: value, count: block.count)
        case .band(let band): return block.bands[band - 1]
        case .negate(let inner): return evaluate(inner, block).map { -$0 }
        case .binary(let op, let left, let right):
            var a = evaluate(left, block)
            let b = evaluate(right, block)
            a.withUnsafeMutableBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    switch op {
                    case "+": for i in a.indices { a[i] += b[i] }
                    case "-": for i in a.indices { a[i] -= b[i] }
                    case "*": for i in a.indices { a[i] *= b[i] }
                    default: for i in a.indices { a[i] /= b[i] }
                    }
                }
            }
            return a
        }
    }

    private struct Parser {
        let characters: [Character]
        let text: String
        var position = 0
        var bands: [Int] = []

        init(characters: [Character], text: String) {
            self.characters = characters
            self.text = text
        }

        func error(_ reason: String) -> ArcGISError {
            .invalid("renderingRule: BandArithmetic expression '\(text)' is not valid: \(reason)")
        }

        mutating func skipSpaces() {
            while position < characters.count, characters[position].isWhitespace { position += 1 }
        }

        mutating func parseSum() throws(ArcGISError) -> Node {
            var node = try parseProduct()
            while true {
                skipSpaces()
                guard position < characters.count, characters[position] == "+" || characters[position] == "-" else { return node }
                let op = characters[position]
                position += 1
                node = .binary(op, node, try parseProduct())
            }
        }

        mutating func parseProduct() throws(ArcGISError) -> Node {
            var node = try parseFactor()
            while true {
                skipSpaces()
                guard position < characters.count, characters[position] == "*" || characters[position] == "/" else { return node }
                let op = characters[position]
                position += 1
                node = .binary(op, node, try parseFactor())
            }
        }

        mutating func parseFactor() throws(ArcGISError) -> Node {
            skipSpaces()
            guard position < characters.count else { throw error("it ends where a value was expected") }
            let character = characters[position]
            if character == "-" {
                position += 1
                return .negate(try parseFactor())
            }
            if character == "(" {
                position += 1
                let node = try parseSum()
                skipSpaces()
                guard position < characters.count, characters[position] == ")" else { throw error("a '(' is not closed") }
                position += 1
                return node
            }
            if character == "B" || character == "b" {
                position += 1
                let start = position
                while position < characters.count, characters[position].isNumber { position += 1 }
                guard let band = Int(String(characters[start..<position])), band >= 1 else { throw error("B must be followed by a band number from 1") }
                bands.append(band)
                return .band(band)
            }
            if character.isNumber || character == "." {
                let start = position
                while position < characters.count, characters[position].isNumber || characters[position] == "." { position += 1 }
                guard let value = Float(String(characters[start..<position])) else { throw error("'\(String(characters[start..<position]))' is not a number") }
                return .number(value)
            }
            throw error("unexpected '\(character)'")
        }
    }
}
