/**
 * The command line: flags, their validation, and exit codes (0 the nets agree, 1 they disagree,
 * 2 a usage or input error, or a run that diverged). Every bad value gets one line that names it
 * and says what is valid, never a stack trace.
 */
package nnparity.cli;
