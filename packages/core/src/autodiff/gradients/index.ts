// Registers every built-in gradient rule (imported once by the package entry point).
import './elementwise.js';
import './reduce.js';
import './shape.js';
import './nn.js';
