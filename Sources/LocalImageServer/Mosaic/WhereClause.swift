import LayerOptions

/// The SQL subset `where` accepts (in query and in mosaic rules): comparisons
/// `=`, `<>`, `!=`, `<`, `<=`, `>`, `>=` between fields, numbers, `'strings'` (`''` escapes a
/// quote) and `date '2004-07-01'` / `timestamp '2004-07-01 00:00:00'`; `IN (…)`,
/// `IS [NOT] NULL`, `AND`, `OR`, `NOT` and parentheses. Field names match the catalog's
/// fields case-insensitively; dates compare as epoch milliseconds.
struct WhereClause: Sendable {
    indirect enum Node: Sendable {
        case comparison(Operand, String, Operand)
        case membership(Operand, [Operand], negated: Bool)
        case isNull(Operand, negated: Bool)
        case and(Node, Node)
        case or(Node, Node)
        case not(Node)
    }

    enum Operand: Sendable {
        case field(String)
        case number(Double)
        case string(String)
    }

    let text: String
    let root: Node

    /// Parses `text`; field names are checked against `fields`.
    init(_ text: String, fields: [String], parameter: String) throws(ArcGISError) {
        var parser = Parser(text: text, fields: fields, parameter: parameter)
        self.text = text
        root = try parser.parseExpression()
        if parser.position < parser.tokens.count {
            throw parser.error("unexpected '\(parser.tokens[parser.position].text)'")
        }
    }

    /// Whether the item satisfies the clause.
    func matches(_ item: CatalogItem) -> Bool { WhereClause.evaluate(root, item) }

    private static func evaluate(_ node: Node, _ item: CatalogItem) -> Bool {
        switch node {
        case .and(let left, let right): return evaluate(left, item) && evaluate(right, item)
        case .or(let left, let right): return evaluate(left, item) || evaluate(right, item)
        case .not(let inner): return !evaluate(inner, item)
        case .isNull(let operand, let negated):
            let value = resolve(operand, item)
            return (value == nil || value == .null) != negated
        case .membership(let operand, let list, let negated):
            guard let value = resolve(operand, item) else { return false }
            return list.contains { compare(value, "=", resolve($0, item)) } != negated
        case .comparison(let left, let op, let right):
            guard let value = resolve(left, item) else { return false }
            return compare(value, op, resolve(right, item))
        }
    }

    private static func resolve(_ operand: Operand, _ item: CatalogItem) -> JSONValue? {
        switch operand {
        case .field(let name): item.attribute(name)
        case .number(let number): .number(number)
        case .string(let string): .string(string)
        }
    }

    private static func compare(_ left: JSONValue, _ op: String, _ right: JSONValue?) -> Bool {
        guard let right else { return false }
        let order: Int
        switch (left, right) {
        case (.number(let a), .number(let b)): order = a < b ? -1 : (a > b ? 1 : 0)
        case (.string(let a), .string(let b)): order = a < b ? -1 : (a > b ? 1 : 0)
        case (.number(let a), .string(let text)), (.string(let text), .number(let a)):
            guard let b = EpochDate.parse(text) else { return op == "<>" }
            let (x, y) = if case .number = left { (a, b) } else { (b, a) }
            order = x < y ? -1 : (x > y ? 1 : 0)
        default: return false
        }
        switch op {
        case "=": return order == 0
        case "<>": return order != 0
        case "<": return order < 0
        case "<=": return order <= 0
        case ">": return order > 0
        default: return order >= 0
        }
    }

    private struct Token {
        enum Kind { case word, number, string, symbol }
        let kind: Kind
        let text: String
    }

    private struct Parser {
        let source: String
        let fields: [String]
        let parameter: String
        var tokens: [Token] = []
        var position = 0
        var tokenError: String?

        init(text: String, fields: [String], parameter: String) {
            source = text
            self.fields = fields
            self.parameter = parameter
            var characters = Array(text)[...]
            while let character = characters.first {
                if character.isWhitespace { characters.removeFirst(); continue }
                if character == "'" {
                    characters.removeFirst()
                    var value = ""
                    var closed = false
                    while let next = characters.popFirst() {
                        if next == "'" {
                            if characters.first == "'" { characters.removeFirst(); value.append("'"); continue }
                            closed = true
                            break
                        }
                        value.append(next)
                    }
                    if !closed { tokenError = "a string is not closed with '"; return }
                    tokens.append(Token(kind: .string, text: value))
                } else if character.isNumber || (character == "." && characters.dropFirst().first?.isNumber == true)
                            || (character == "-" && characters.dropFirst().first.map { $0.isNumber || $0 == "." } == true
                                && (tokens.last.map { $0.kind == .symbol && $0.text != ")" } ?? true)) {
                    var value = String(characters.removeFirst())
                    while let next = characters.first, next.isNumber || next == "." || next == "e" || next == "E" { value.append(characters.removeFirst()) }
                    tokens.append(Token(kind: .number, text: value))
                } else if character.isLetter || character == "_" {
                    var value = ""
                    while let next = characters.first, next.isLetter || next.isNumber || next == "_" || next == "." { value.append(characters.removeFirst()) }
                    tokens.append(Token(kind: .word, text: value))
                } else {
                    let two = String(characters.prefix(2))
                    if ["<>", "<=", ">=", "!="].contains(two) {
                        characters.removeFirst(2)
                        tokens.append(Token(kind: .symbol, text: two == "!=" ? "<>" : two))
                    } else if "=<>(),".contains(character) {
                        characters.removeFirst()
                        tokens.append(Token(kind: .symbol, text: String(character)))
                    } else {
                        tokenError = "unexpected character '\(character)'"
                        return
                    }
                }
            }
        }

        func error(_ reason: String) -> ArcGISError {
            .invalid("\(parameter): '\(source)' is not a supported where clause: \(reason)")
        }

        func peekWord(_ word: String) -> Bool {
            position < tokens.count && tokens[position].kind == .word && tokens[position].text.lowercased() == word
        }

        func peekSymbol(_ symbol: String) -> Bool {
            position < tokens.count && tokens[position].kind == .symbol && tokens[position].text == symbol
        }

        mutating func parseExpression() throws(ArcGISError) -> Node {
            if let tokenError { throw error(tokenError) }
            var node = try parseAnd()
            while peekWord("or") {
                position += 1
                node = .or(node, try parseAnd())
            }
            return node
        }

        mutating func parseAnd() throws(ArcGISError) -> Node {
            var node = try parseUnary()
            while peekWord("and") {
                position += 1
                node = .and(node, try parseUnary())
            }
            return node
        }

        mutating func parseUnary() throws(ArcGISError) -> Node {
            if peekWord("not") {
                position += 1
                return .not(try parseUnary())
            }
            if peekSymbol("(") {
                position += 1
                let node = try parseExpression()
                guard peekSymbol(")") else { throw error("a '(' is not closed") }
                position += 1
                return node
            }
            let left = try parseOperand()
            if peekWord("is") {
                position += 1
                let negated = peekWord("not")
                if negated { position += 1 }
                guard peekWord("null") else { throw error("IS must be followed by NULL or NOT NULL") }
                position += 1
                return .isNull(left, negated: negated)
            }
            let negated = peekWord("not")
            if negated { position += 1 }
            if peekWord("in") {
                position += 1
                guard peekSymbol("(") else { throw error("IN must be followed by a list in parentheses") }
                position += 1
                var list: [Operand] = []
                while true {
                    list.append(try parseOperand())
                    if peekSymbol(",") { position += 1; continue }
                    guard peekSymbol(")") else { throw error("an IN list is not closed") }
                    position += 1
                    break
                }
                return .membership(left, list, negated: negated)
            }
            if negated { throw error("NOT must be followed by IN here") }
            guard position < tokens.count, tokens[position].kind == .symbol, ["=", "<>", "<", "<=", ">", ">="].contains(tokens[position].text) else {
                throw error(position < tokens.count ? "expected a comparison (=, <>, <, <=, >, >=) before '\(tokens[position].text)'" : "expected a comparison (=, <>, <, <=, >, >=) at the end")
            }
            let op = tokens[position].text
            position += 1
            return .comparison(left, op, try parseOperand())
        }

        mutating func parseOperand() throws(ArcGISError) -> Operand {
            guard position < tokens.count else { throw error("the clause ends where a value was expected") }
            let token = tokens[position]
            position += 1
            switch token.kind {
            case .number:
                guard let number = Double(token.text) else { throw error("'\(token.text)' is not a number") }
                return .number(number)
            case .string: return .string(token.text)
            case .symbol: throw error("expected a field or a value before '\(token.text)'")
            case .word:
                let lowered = token.text.lowercased()
                if lowered == "date" || lowered == "timestamp", position < tokens.count, tokens[position].kind == .string {
                    let literal = tokens[position].text
                    position += 1
                    guard let epoch = EpochDate.parse(literal) else { throw error("'\(literal)' is not a date (YYYY-MM-DD[ hh:mm:ss])") }
                    return .number(epoch)
                }
                guard let field = fields.first(where: { $0.lowercased() == lowered }) else {
                    throw error("unknown field '\(token.text)'; the fields are \(fields.joined(separator: ", "))")
                }
                return .field(field)
            }
        }
    }
}
