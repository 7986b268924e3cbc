module.exports = { format: async (code) => code };
