extension Array {
    /// `count` copies of `value`, as `init(repeating:count:)` makes them, through code that the compiler
    /// specialises for the element type.
    ///
    /// `init(repeating:count:)` allocates through a standard library function that is not inlined
    /// (`_allocateBufferUninitialized`) and looks the element type's storage class up at run time: several
    /// hundred instructions an array, where this path reads it from a cache; and it stores one element at
    /// a time, where the copy from `repeatElement` mostly uses vector stores. But the optimiser knows an
    /// array from `init(repeating:count:)` to be unique and one from here not, so it checks uniqueness on
    /// each write through a subscript in a loop. Use this for arrays that are then written through a
    /// buffer (`withUnsafeMutableBufferPointer`), or a few times (once a sentence); on `cnndm-dev`, arrays
    /// written word by word through a subscript cost more made here.
    @inline(__always)
    init(filled value: Element, count: Int) {
        self.init(repeatElement(value, count: count))
    }
}
