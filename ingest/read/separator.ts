/**
 * True for a paragraph with no letter or digit: a separator line ("********", "* * *") or a
 * press release's end mark ("###", "# # #"), not text of the statement.
 */
export const isSeparator = (paragraph: string): boolean => !/[\p{L}\p{N}]/u.test(paragraph);
