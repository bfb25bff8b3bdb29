import module from 'node:module';

/**
 * `coalition <command>`: the operator's entry point (bin/coalition runs it under a suitable Node).
 *
 * Node's compile cache keeps the compiled bytecode of every module it loads, keyed by content, so
 * the second and later starts skip most of the parsing and compiling: `serve` answers its first
 * request sooner after a restart. It is turned on before anything else loads, which is why the
 * commands themselves live in cli/program.ts and are imported dynamically. NODE_DISABLE_COMPILE_CACHE=1
 * turns it off.
 */
module.enableCompileCache?.();
await import('./cli/program.ts');
